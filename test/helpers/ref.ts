import { parseReference, type ImageReference } from '../../src/model/reference.js';

/** A reference that must parse; tests use it to build resolver inputs. */
export function ref(text: string): ImageReference {
  const parsed = parseReference(text);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.ref;
}

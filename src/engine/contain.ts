import type { Diagnostic } from '../model/file-result.js';

/** The unit a step works on, as the user should read it in a diagnostic. */
export interface Unit {
  file: string;
  document?: number;
  line?: number;
  /** What was being done, e.g. `rule floating-tag on nginx:latest` or `chart harbor 1.14.0`. */
  what: string;
}

/** Why something failed, in one line; a thrown non-Error still gets a readable reason. */
export function reasonOf(err: unknown): string {
  const text = err instanceof Error ? err.message : typeof err === 'string' ? err : JSON.stringify(err) ?? String(err);
  return (text || (err instanceof Error ? err.name : 'unknown error')).split('\n')[0]!.slice(0, 300);
}

/** The diagnostic a contained failure becomes: it names the unit, the reason, and that the rest went on. */
export function internalError(unit: Unit, err: unknown): Diagnostic {
  const diagnostic: Diagnostic = {
    file: unit.file,
    code: 'internal-error',
    message: `imagepin could not check ${unit.what}: ${reasonOf(err)}. This is a bug in imagepin (please report it); this check did not run, everything else was checked`,
  };
  if (unit.document !== undefined) diagnostic.document = unit.document;
  if (unit.line !== undefined) diagnostic.line = unit.line;
  return diagnostic;
}

/**
 * Runs one unit of work inside a boundary: a throw becomes a diagnostic for that unit (pushed to
 * `diagnostics`) and the fallback is returned, so the analysis of every other unit goes on.
 */
export function contain<T>(unit: Unit, diagnostics: Diagnostic[], fallback: T, work: () => T): T {
  try {
    return work();
  } catch (err) {
    diagnostics.push(internalError(unit, err));
    return fallback;
  }
}

/** `contain` for asynchronous work. */
export async function containAsync<T>(unit: Unit, diagnostics: Diagnostic[], fallback: T, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    diagnostics.push(internalError(unit, err));
    return fallback;
  }
}

import { Scalar, type Node } from 'yaml';
import type { Occurrence, Part } from '../../model/occurrence.js';
import type { YamlPath } from '../../model/position.js';
import { parseReference } from '../../model/reference.js';
import { offsetMapper } from '../../yaml/embedded.js';
import type { DocContext } from '../types.js';
import { fromString, stringValue, type Scope } from './build.js';
import { isOperandReference, namesImageNotRun } from './operand-value.js';

/**
 * Environment variables through which operators are told the images they run: OLM's
 * `RELATED_IMAGE_*` and `*_IMAGE` (Strimzi's `STRIMZI_DEFAULT_KAFKA_EXPORTER_IMAGE`, the Kiali
 * operator's `RELATED_IMAGE_kiali_default`), and `*_IMAGES` lists of `version=image` (Strimzi's
 * `STRIMZI_KAFKA_IMAGES`).
 */
const SINGLE = /^(?:RELATED_IMAGE_[A-Za-z0-9_]+|[A-Z][A-Z0-9_]*_IMAGE)$/;
const LIST = /^[A-Z][A-Z0-9_]*_IMAGES$/;
/**
 * Names that hold an image without ending in `_IMAGE` (decision 0053): CloudNativePG's
 * `OPERATOR_IMAGE_NAME` / `POSTGRES_IMAGE_NAME` / `PGBOUNCER_IMAGE_NAME` (`*_IMAGE_NAME`, and
 * `*_IMAGE_REF`), and the few of known operators that say no `IMAGE` at all (Strimzi's
 * `STRIMZI_DEFAULT_MAVEN_BUILDER`). Their values must be whole references (`isOperandReference`).
 */
const NAMED = /^(?:[A-Z][A-Z0-9_]*_IMAGE_(?:NAME|REF)|STRIMZI_DEFAULT_MAVEN_BUILDER)$/;

/** Whether a variable's name is one that names an image (any of the rules above). */
export const namesAnImage = (name: string): boolean => SINGLE.test(name) || NAMED.test(name) || LIST.test(name);

/** A value counts only where it looks like a reference (a `/`, `:` or `@`, no spaces), since `*_IMAGE` is also used for flags. */
const looksLikeImage = (text: string): boolean => /[/:@]/.test(text) && !/\s/.test(text) && !text.includes('://');

/** The references of one env value with their offsets: the whole value, or each `version=image` (or bare image) of a list. */
function referencesOf(name: string, value: string): { text: string; offset: number }[] {
  const whole = { text: value.trim(), offset: value.indexOf(value.trim()) };
  if (SINGLE.test(name)) return looksLikeImage(whole.text) ? [whole] : [];
  if (NAMED.test(name)) return isOperandReference(whole.text) && !namesImageNotRun(name) ? [whole] : [];
  if (!LIST.test(name)) return [];
  const found: { text: string; offset: number }[] = [];
  for (const token of value.matchAll(/\S+/g)) {
    const eq = token[0].indexOf('=');
    const text = token[0].slice(eq + 1);
    if (looksLikeImage(text)) found.push({ text, offset: token.index + eq + 1 });
  }
  return found;
}

/** In a `|` block, each line of the value is a line of the file: gives the parts their exact spans there. */
function placeInBlock(ctx: DocContext, node: Node, value: string, occ: Occurrence, text: string, offset: number): void {
  const yamlNode = ctx.view.deref(node);
  if (!(yamlNode instanceof Scalar) || yamlNode.type !== Scalar.BLOCK_LITERAL) return;
  const map = offsetMapper(ctx.view.fileText, yamlNode, value);
  if (!map) return;
  const span = (from: number, to: number): Part['span'] => ({ start: ctx.view.filePosition(map(offset + from)), end: ctx.view.filePosition(map(offset + to)) });
  const parsed = parseReference(text);
  const ranges: [keyof Occurrence['parts'], readonly [number, number] | undefined][] = [['image', [0, text.length]]];
  if (parsed.ok) ranges.push(['repository', parsed.offsets.name], ['tag', parsed.offsets.tag], ['digest', parsed.offsets.digest]);
  for (const [name, range] of ranges) {
    const part = occ.parts[name];
    if (part && range) occ.parts[name] = { ...part, span: span(range[0], range[1]) };
  }
}

/**
 * The images named by one variable: `value` at `path` holds the value of `name`, and `note` says
 * where the variable is given. Each is an occurrence of its own, with the note.
 */
export function namedValueImages(ctx: DocContext, name: string, valueNode: Node, path: YamlPath, scope: Scope, note: string): Occurrence[] {
  const value = stringValue(ctx, valueNode);
  if (value === undefined) return [];
  const notes = [...(scope.notes ?? []), note];
  const found: Occurrence[] = [];
  for (const { text, offset } of referencesOf(name, value)) {
    const occ = fromString(ctx, valueNode, path, { ...scope, notes }, 'string', text, offset);
    if (!occ) continue;
    placeInBlock(ctx, valueNode, value, occ, text, offset);
    found.push(occ);
  }
  return found;
}

/**
 * The images named by one env entry (`{name, value}`) at `path`, or nothing. Each is an occurrence of
 * its own, with a note naming the variable: the image an operator starts for what it manages.
 */
export function envImages(ctx: DocContext, entry: Node, path: YamlPath, scope: Scope): Occurrence[] {
  const name = stringValue(ctx, ctx.view.get(entry, 'name'));
  const valueNode = ctx.view.get(entry, 'value');
  if (!name || !valueNode) return [];
  return namedValueImages(ctx, name, valueNode, [...path, 'value'], scope, `an image the workload is given in its environment (${name}), as operators are told which images to run`);
}

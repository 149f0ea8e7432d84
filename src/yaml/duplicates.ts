import { isAlias, isMap, isScalar, isSeq, type Document, type LineCounter, type Pair, type YAMLMap } from 'yaml';
import type { Diagnostic } from '../model/file-result.js';

/** The pairs of one mapping that share a key, in the order they are written. */
export interface DuplicateKey {
  map: YAMLMap<unknown, unknown>;
  key: string;
  pairs: Pair<unknown, unknown>[];
  /** The pairs the mapping sits inside, innermost first: to read a nested duplicate they must be kept. */
  within: Pair<unknown, unknown>[];
}

/**
 * At most this many other readings of one document, each a full extraction: real files repeat a
 * key or two by mistake, and a file of thousands of duplicates then costs at most 11 extractions.
 */
export const MAX_READINGS = 10;

/** A key as text: a scalar's value, or an alias key's anchor scalar (`*name :`, rare, so resolved by yaml's own walk). */
function keyText(doc: Document.Parsed, key: unknown): string | undefined {
  const k = isAlias(key) ? key.resolve(doc) : key;
  return isScalar(k) ? String(k.value) : undefined;
}

/** Every mapping key written more than once, found without recursion (depth cannot overflow the stack). */
export function duplicateKeys(doc: Document.Parsed): DuplicateKey[] {
  const found: DuplicateKey[] = [];
  const seen = new Set<unknown>();
  // The pair each node sits in (its nearest enclosing mapping entry).
  const parent = new Map<unknown, Pair<unknown, unknown>>();
  const chain = (node: unknown): Pair<unknown, unknown>[] => {
    const out: Pair<unknown, unknown>[] = [];
    for (let p = parent.get(node); p && !out.includes(p); p = parent.get(p)) out.push(p);
    return out;
  };
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isAlias(node) || seen.has(node)) continue;
    seen.add(node);
    const up = parent.get(node);
    if (isSeq(node)) {
      for (const item of node.items) if (up) parent.set(item, up);
      stack.push(...node.items);
    } else if (isMap(node)) {
      const byKey = new Map<string, Pair<unknown, unknown>[]>();
      for (const pair of node.items) {
        if (up) parent.set(pair, up);
        parent.set(pair.value, pair);
        stack.push(pair.value);
        const key = keyText(doc, pair.key);
        // Several `<<` merge keys are a YAML 1.1 idiom, not a conflict.
        if (key === undefined || key === '<<') continue;
        const same = byKey.get(key);
        if (same) same.push(pair);
        else byKey.set(key, [pair]);
      }
      for (const [key, pairs] of byKey) if (pairs.length > 1) found.push({ map: node, key, pairs, within: chain(node) });
    }
  }
  return found;
}

/** How a value is written, short enough for a message. */
function written(text: string, pair: Pair<unknown, unknown>): string {
  const range = (pair.value as { range?: [number, number, number] } | null)?.range;
  const source = range ? text.slice(range[0], range[1]).replace(/\s+/g, ' ').trim() : '';
  if (!source) return 'an empty value';
  return `\`${source.length > 60 ? `${source.slice(0, 57)}…` : source}\``;
}

/** The diagnostic for one duplicated key: it names every value, with its line. */
export function duplicateDiagnostic(file: string, text: string, lines: LineCounter, document: number, dup: DuplicateKey): Diagnostic {
  const at = (pair: Pair<unknown, unknown>): number => lines.linePos((pair.key as { range?: [number, number, number] }).range?.[0] ?? 0).line;
  const values = dup.pairs.map((p) => `${written(text, p)} (line ${at(p)})`).join(' and ');
  return {
    file,
    code: 'duplicate-key',
    document,
    line: at(dup.pairs[1]!),
    message: `the key \`${dup.key}\` is written ${dup.pairs.length} times in one mapping: ${values}. YAML forbids this and tools disagree on which one wins, so every value is checked; keep one`,
  };
}

/**
 * Runs `visit` once per other value of each duplicated key: that value is kept, with the pairs it
 * sits inside, and every other duplicated key keeps its first value (as imagepin's own lookups
 * read it). The first reading is the ordinary one and is not repeated; the document is restored after.
 */
export function forEachOtherReading(dups: DuplicateKey[], visit: () => void): void {
  if (dups.length === 0) return;
  const original = new Map(dups.map((d) => [d.map, [...d.map.items]]));
  const sets = dups.map((d) => [d, new Set(d.pairs)] as const);
  const readings = dups.flatMap((dup) => dup.pairs.slice(1).map((pair) => new Set([pair, ...dup.within])));
  try {
    for (const forced of readings.slice(0, MAX_READINGS)) {
      for (const [map, items] of original) map.items = [...items];
      for (const [dup, pairs] of sets) {
        const keep = dup.pairs.find((p) => forced.has(p)) ?? dup.pairs[0];
        dup.map.items = dup.map.items.filter((p) => !pairs.has(p) || p === keep);
      }
      visit();
    }
  } finally {
    for (const [map, items] of original) map.items = items;
  }
}

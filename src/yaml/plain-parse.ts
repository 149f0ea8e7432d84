import { isAlias, isMap, isScalar, isSeq, LineCounter, parse } from 'yaml';
import { fastDocuments } from './fast/index.js';

/**
 * True when a mapping in the tree repeats a key as yaml's `uniqueKeys` (its default) compares
 * them (`a.value === b.value`, the merge key `<<` included), or has a key that is not a scalar;
 * a `Set` also counts two `.nan` keys as one, which only sends the text to yaml.
 */
function mayRepeatKey(node: unknown): boolean {
  if (isAlias(node) || isScalar(node)) return false;
  if (isSeq(node)) return node.items.some(mayRepeatKey);
  if (!isMap(node)) return node !== null && node !== undefined;
  const seen = new Set<unknown>();
  for (const { key, value } of node.items) {
    if (!isScalar(key) || seen.size === seen.add(key.value).size || mayRepeatKey(value)) return true;
  }
  return false;
}

/**
 * What yaml's `parse(text, { maxAliasCount })` gives (and throws), for the small files read as
 * plain data beside their extraction (a talconfig's patch list). One document in the fast
 * reader's subset (decision 42) that repeats no key is converted as `parse` converts it
 * (`doc.toJS`), without yaml's lexer and composer: in a scan that reads no other file with them,
 * their first, cold run took some 11 ms. Everything else (several documents, a repeated key,
 * which `parse` rejects, text outside the subset) goes to yaml's `parse` itself.
 */
export function parsePlain(text: string, maxAliasCount: number): unknown {
  const fast = fastDocuments(text, { maxAliasCount }, new LineCounter());
  const doc = fast?.docs.length === 1 ? fast.docs[0] : undefined;
  if (!doc || doc.errors.length > 0 || doc.warnings.length > 0 || mayRepeatKey(doc.contents)) return parse(text, { maxAliasCount });
  return doc.toJS({ maxAliasCount });
}

import type { Document, LineCounter } from 'yaml';
import type { DocFacts } from './anchor-book.js';
import { FastReader } from './parse.js';

/** True when the text has a character the fast path leaves to yaml: tabs, CR, other controls, BOM, Unicode line breaks. */
function outside(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 ? c !== 0x0a : c >= 0x7f && (c <= 0x9f || c === 0x2028 || c === 0x2029 || c === 0xfeff || c === 0xfffe || c === 0xffff)) return true;
  }
  return false;
}

/** The documents, and for each whether no mapping in it repeats a key, and its alias facts. */
export interface FastParse {
  docs: Document.Parsed[];
  unique: boolean[];
  facts: DocFacts[];
}

/**
 * The documents yaml's `parseAllDocuments(text, options)` would give, when the text is in the fast
 * subset (see `FastReader`), with the line starts yaml's parser would add to `lineCounter`; else
 * undefined (whatever went wrong) and `lineCounter` untouched.
 */
export function fastDocuments(text: string, options: object, lineCounter: LineCounter): FastParse | undefined {
  if (outside(text)) return undefined;
  let docs: Document.Parsed[];
  let unique: boolean[];
  let facts: DocFacts[];
  try {
    const reader = new FastReader(text, options);
    docs = reader.documents();
    unique = reader.unique;
    facts = reader.facts;
  } catch {
    // Unsupported, or a fault of the fast path itself: yaml reads the text as it always did.
    return undefined;
  }
  lineCounter.addNewLine(0);
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineCounter.addNewLine(i + 1);
  return { docs, unique, facts };
}

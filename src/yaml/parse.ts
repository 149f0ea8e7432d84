import { LineCounter, parseAllDocuments, isAlias, isMap, isSeq, isPair, isScalar, type Document } from 'yaml';
import type { Diagnostic } from '../model/file-result.js';
import { aliasIndex, type AliasIndex } from './anchors.js';
import type { DocFacts } from './fast/anchor-book.js';
import { fastDocuments } from './fast/index.js';
import { duplicateDiagnostic, duplicateKeys, MAX_READINGS, type DuplicateKey } from './duplicates.js';

/** Limits that keep hostile YAML (alias bombs, deep nesting) from costing more than a diagnostic. */
export interface YamlLimits {
  maxAliases: number;
  maxDepth: number;
  /** How many nodes a document may have once every alias is expanded (a "billion laughs" has billions). */
  maxExpandedNodes: number;
}

export const DEFAULT_YAML_LIMITS: YamlLimits = { maxAliases: 1000, maxDepth: 200, maxExpandedNodes: 100_000 };

export interface ParsedDocument {
  index: number;
  doc: Document.Parsed;
  /** Keys written twice in one mapping: each is a diagnostic, and every value is read. */
  duplicates: DuplicateKey[];
  /** The document's aliases (none when it has none): found once here, used again by its view. */
  aliases: AliasIndex;
}

export interface ParsedYaml {
  lineCounter: LineCounter;
  documents: ParsedDocument[];
  diagnostics: Diagnostic[];
}

/** Counts aliases and nesting depth without recursion, so depth itself cannot overflow the stack. */
export function measure(root: unknown): { aliases: number; depth: number } {
  let aliases = 0;
  let depth = 0;
  const stack: [unknown, number][] = [[root, 0]];
  while (stack.length > 0) {
    const [node, d] = stack.pop()!;
    if (d > depth) depth = d;
    if (isAlias(node)) aliases++;
    else if (isMap(node) || isSeq(node)) for (const item of node.items) stack.push([item, d + 1]);
    else if (isPair(node)) {
      stack.push([node.key, d]);
      stack.push([node.value, d]);
    }
  }
  return { aliases, depth };
}

/**
 * The node count of a document with its aliases expanded, computed on the alias graph with a
 * memo, so it costs the size of the document and not the size of the expansion. Only anchored
 * collections are memoised: an alias's target has an anchor, and any other collection is reached
 * once, from its parent, so the count is the same with a map entry per anchor instead of per node.
 */
function expandedSize(doc: Document.Parsed, { targets }: AliasIndex): number {
  const memo = new Map<unknown, number>();
  const size = (node: unknown): number => {
    if (isAlias(node)) return size(targets.get(node));
    if (!isMap(node) && !isSeq(node)) return 1;
    const anchored = node.anchor !== undefined;
    if (anchored) {
      const known = memo.get(node);
      if (known !== undefined) return known;
      memo.set(node, 1); // a self-referencing anchor counts once instead of looping
    }
    let total = 1;
    for (const item of node.items) total += isPair(item) ? size(item.key) + size(item.value) : size(item);
    if (anchored) memo.set(node, total);
    return total;
  };
  return size(doc.contents);
}

/** `yaml` reports its own stack overflow as a document error; say what it means. */
function isStackOverflow(message: string): boolean {
  return message.includes('Maximum call stack size exceeded');
}

/**
 * Parses every document of a YAML stream, keeping positions. A document with errors becomes a
 * diagnostic with its line; the other documents are still returned.
 */
export function parseYaml(file: string, text: string, limits: YamlLimits = DEFAULT_YAML_LIMITS): ParsedYaml {
  const lineCounter = new LineCounter();
  const diagnostics: Diagnostic[] = [];
  const documents: ParsedDocument[] = [];
  let docs: Document.Parsed[];
  let unique: boolean[] = [];
  let facts: DocFacts[] = [];
  try {
    // logLevel 'error': the library must not print to standard error (it warns through
    // process.emitWarning, e.g. for `{{ .x }}` read as a map key); what matters is in doc.errors.
    const options = { lineCounter, prettyErrors: false, uniqueKeys: false, logLevel: 'error' } as const;
    // The common block subset is read without yaml's lexer and parser, into the same nodes (decision 42).
    const fast = fastDocuments(text, options, lineCounter);
    unique = fast?.unique ?? [];
    facts = fast?.facts ?? [];
    docs = fast?.docs ?? (parseAllDocuments(text, options) as Document.Parsed[]);
  } catch (err) {
    const message = err instanceof RangeError ? 'YAML nests too deeply to parse' : `YAML parser failed: ${String(err)}`;
    return { lineCounter, documents, diagnostics: [{ file, code: 'too-deep', message }] };
  }
  if (!Array.isArray(docs)) docs = [];
  docs.forEach((doc, index) => {
    const error = doc.errors[0];
    if (error && isStackOverflow(error.message)) {
      diagnostics.push({ file, code: 'too-deep', document: index, message: `document ${index + 1} nests too deeply to parse; skipped` });
      return;
    }
    if (error) {
      const pos = lineCounter.linePos(error.pos[0]);
      const summary = error.message.split('\n')[0] ?? error.message;
      diagnostics.push({ file, code: 'invalid-yaml', message: `invalid YAML: ${summary}`, line: pos.line, col: pos.col, document: index });
      return;
    }
    // The fast path counted aliases and depth and found every alias's target as it read (decision 57).
    const known = facts[index];
    const { aliases, depth } = known ?? measure(doc.contents);
    if (aliases > limits.maxAliases) {
      diagnostics.push({ file, code: 'too-many-aliases', document: index, message: `document ${index + 1} uses ${aliases} aliases (limit ${limits.maxAliases}); skipped as a possible alias bomb` });
      return;
    }
    const found = aliases > 0 ? (known?.index ?? aliasIndex(doc)) : undefined;
    const expanded = found ? expandedSize(doc, found) : 0;
    if (expanded > limits.maxExpandedNodes) {
      diagnostics.push({ file, code: 'too-many-aliases', document: index, message: `document ${index + 1} expands to ${expanded} nodes through its aliases (limit ${limits.maxExpandedNodes}); skipped as an alias bomb` });
      return;
    }
    if (depth > limits.maxDepth) {
      diagnostics.push({ file, code: 'too-deep', document: index, message: `document ${index + 1} nests ${depth} levels deep (limit ${limits.maxDepth}); skipped` });
      return;
    }
    if (doc.contents === null || isScalar(doc.contents)) return;
    // The fast path saw every mapping of the document: when none repeats a key, there is nothing to walk for.
    const duplicates = unique[index] ? [] : duplicateKeys(doc);
    for (const dup of duplicates) diagnostics.push(duplicateDiagnostic(file, text, lineCounter, index, dup));
    const repeated = duplicates.reduce((n, d) => n + d.pairs.length - 1, 0);
    if (repeated > MAX_READINGS) diagnostics.push({ file, code: 'duplicate-key', document: index, message: `document ${index + 1} repeats keys ${repeated} times; only ${MAX_READINGS} of the repeated values were read as alternatives, so some may not be checked: remove the duplicates` });
    documents.push({ index, doc, duplicates, aliases: found ?? { targets: new Map(), nodes: [] } });
  });
  return { lineCounter, documents, diagnostics };
}

import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import { salvageConfig } from './salvage.js';
import { defaultConfig, type Config } from './schema.js';

/** A configuration problem, phrased for the person who has to fix the file. */
export interface ConfigProblem {
  /** The key path, e.g. `rules.floating-tag`, or the file when the whole file is unusable. */
  key: string;
  message: string;
  /** What the check uses instead: "it was ignored", "the default `"error"` was used". */
  instead: string;
  /** 1-based line in the file, when the text is known (the CLI; the App gets Probot's parsed object). */
  line?: number;
}

/** The configuration to use and what could not be used of the file. `ok` is false when anything was dropped. */
export type LoadedConfig = { ok: true; config: Config } | { ok: false; problems: ConfigProblem[]; config: Config; /** Nothing of the file could be read (invalid YAML): only defaults. */ unusable?: true };

/** The line of the key (or list entry) at `path`, the deepest one that exists. */
function lineOf(doc: Document.Parsed, counter: LineCounter, path: readonly PropertyKey[]): number | undefined {
  let node: unknown = doc.contents;
  let offset = (doc.contents as { range?: [number] } | null)?.range?.[0];
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(key));
      if (!pair) break;
      offset = (pair.key as { range?: [number] }).range?.[0] ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof key === 'number' && node.items[key]) {
      node = node.items[key];
      offset = (node as { range?: [number] }).range?.[0] ?? offset;
    } else break;
  }
  return offset === undefined ? undefined : counter.linePos(offset).line;
}

/**
 * Validates `.github/imagepin.yml` text. A problem never throws and never discards the file: each
 * bad key or value is reported (with its line and a "did you mean") and the rest applies.
 */
export function loadConfig(text: string | undefined, source = '.github/imagepin.yml'): LoadedConfig {
  if (text === undefined || text.trim() === '') return { ok: true, config: defaultConfig() };
  const counter = new LineCounter();
  let doc: Document.Parsed;
  let data: unknown;
  try {
    doc = parseDocument(text, { lineCounter: counter, prettyErrors: true, logLevel: 'error' });
    if (doc.errors.length > 0) throw doc.errors[0]!;
    data = doc.toJS({ maxAliasCount: 50 }) ?? {};
  } catch (err) {
    const message = `is not valid YAML: ${(err as Error).message.split('\n')[0]}`;
    return { ok: false, config: defaultConfig(), problems: [{ key: source, message, instead: 'the defaults were used' }], unusable: true };
  }
  return validated(data, (path) => lineOf(doc, counter, path));
}

/** Validates configuration that is already parsed (Probot's context.config returns an object). */
export function validateConfig(data: unknown): LoadedConfig {
  return validated(data, () => undefined);
}

function validated(data: unknown, line: (path: readonly PropertyKey[]) => number | undefined): LoadedConfig {
  if (data === null || data === undefined) return { ok: true, config: defaultConfig() };
  const { config, problems } = salvageConfig(data);
  if (problems.length === 0) return { ok: true, config };
  return {
    ok: false,
    config,
    // In the file's order, which is the order a person fixes them in.
    problems: problems.map((p): ConfigProblem => {
      const at = line(p.path);
      return { key: p.path.map(String).join('.') || '(top level)', message: p.message, instead: p.instead, ...(at === undefined ? {} : { line: at }) };
    }).sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity)),
  };
}

/** One line per problem: "`failOn` (line 3) must be one of error, warning, never (got "warnin"); did you mean `warning`? The default `"error"` was used." */
export function formatProblems(problems: ConfigProblem[], file?: string): string[] {
  return problems.map((p) => {
    const where = p.line === undefined ? '' : file ? ` (${file}:${p.line})` : ` (line ${p.line})`;
    const instead = p.instead.charAt(0).toUpperCase() + p.instead.slice(1);
    return `\`${p.key}\`${where} ${p.message}${p.message.endsWith('?') ? '' : '.'} ${instead}.`;
  });
}

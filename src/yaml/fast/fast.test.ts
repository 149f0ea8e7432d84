import fc from 'fast-check';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseAllDocuments } from 'yaml';
import { aliasIndex } from '../anchors.js';
import { duplicateKeys } from '../duplicates.js';
import { measure } from '../parse.js';
import { fastDocuments } from './index.js';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const SKIP_DIRS = new Set(['node_modules', '.git', 'out', 'coverage', 'dist']);
const OPTIONS = { prettyErrors: false, uniqueKeys: false, logLevel: 'error' } as const;

/** Everything of a node that imagepin or yaml's toJS reads: kinds, values, styles, sources, formats, tags, anchors, ranges. */
function project(node: unknown): unknown {
  if (node === null || node === undefined) return node;
  if (isAlias(node)) return { alias: node.source, range: node.range };
  if (isMap(node) || isSeq(node)) return { kind: isMap(node) ? 'map' : 'seq', flow: node.flow ?? false, tag: node.tag, anchor: node.anchor, range: node.range, items: node.items.map(project) };
  if (isPair(node)) return { key: project(node.key), value: project(node.value) };
  if (isScalar(node)) {
    const value = typeof node.value === 'number' && Number.isNaN(node.value) ? 'NaN' : node.value;
    return { value, type: node.type, source: node.source, format: node.format, tag: node.tag, anchor: node.anchor, range: node.range, digits: node.minFractionDigits };
  }
  return { other: String(node) };
}

/**
 * When the fast path reads a text, yaml reads it without an error or warning and builds the same
 * documents (nodes, ranges, document starts) and the same line starts. True when it read the text.
 */
function checkText(text: string): boolean {
  const fastLines = new LineCounter();
  const fast = fastDocuments(text, { ...OPTIONS, lineCounter: fastLines }, fastLines);
  if (!fast) {
    expect(fastLines.lineStarts).toEqual([]);
    return false;
  }
  const lines = new LineCounter();
  const docs = parseAllDocuments(text, { ...OPTIONS, lineCounter: lines });
  const list = Array.isArray(docs) ? docs : [];
  for (const doc of list) expect([doc.errors, doc.warnings]).toEqual([[], []]);
  const view = (d: (typeof list)[number]) => ({ range: d.range, start: d.directives.docStart ?? null, contents: project(d.contents), errors: d.errors.length });
  expect(fast.docs.map(view)).toEqual(list.map(view));
  // A document said to repeat no key has no duplicate for parseYaml to report.
  fast.docs.forEach((doc, i) => {
    if (fast.unique[i]) expect(duplicateKeys(doc)).toEqual([]);
    else expect(duplicateKeys(doc).length).toBeGreaterThan(0);
  });
  // The alias count, depth and alias targets noted while reading are what the walks would find.
  fast.docs.forEach((doc, i) => {
    const { aliases, depth, index } = fast.facts[i]!;
    expect({ aliases, depth }).toEqual(measure(doc.contents));
    const walked = aliasIndex(doc);
    expect(index.nodes.length).toBe(walked.nodes.length);
    index.nodes.forEach((node, j) => expect(node).toBe(walked.nodes[j]));
    expect(index.targets.size).toBe(walked.targets.size);
    for (const [alias, target] of walked.targets) expect(index.targets.get(alias)).toBe(target);
  });
  expect(fastLines.lineStarts).toEqual(lines.lineStarts);
  return true;
}

function yamlFiles(): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) {
        if (!SKIP_DIRS.has(name)) walk(full);
      } else if (/\.ya?ml$/i.test(name)) found.push(full);
    }
  };
  walk(ROOT);
  return found;
}

// Pieces of GitOps YAML, in the forms the fast path reads and some it leaves to yaml.
/** Mostly the forms the fast path reads, sometimes one it leaves to yaml. */
const mostly = (good: string[], other: string[]): fc.Arbitrary<string> => fc.oneof({ arbitrary: fc.constantFrom(...good), weight: 12 }, { arbitrary: fc.constantFrom(...other), weight: 1 });
const plain = mostly(['nginx', 'ghcr.io/a/b:1.2', 'true', 'False', 'null', '~', '12', '-3', '0x1F', '0o17', '1.50', '1e3', '.inf', '.NaN', 'a b', 'x:y', 'v1.2.3', '<<', '-x', "it's", '1_000', '+1', '00', '1.', 'TRUE', 'Null', 'a#b', 'é☃'], ['@x', '%x', 'a: b', '- x', '? x', 'x #y']);
const quoted = mostly(['"a"', '""', '"b c"', "'d'", "'it''s'", "''", '"{{ .Values.x }}"'], ['"\\t"', "'a", '"a\\"b"', '"a" x']);
const flow = mostly(['[]', '{}', '[a, b]', '[ a , "b" ]', '{ cpu: 500m, mem: 1Gi }', '[{ p: /, q: 2 }]', '{drop: ["ALL"]}', '[1, [2, 3]]'], ['[a, ]', '{ a }', '{b: }', '[a: 1]', '[a', '{a:1}']);
const comment = mostly(['', '', ' # c', '  #c', ' #'], ['#x']);
const key = mostly(['image', 'repository', 'tag', 'a.b/c', '"quoted"', "'single'", '1', 'true', 'null', '<<', '-k', 'k k', 'x:y'], ['"a": b', '? k', 'k ']);
const alias = mostly(['*a', '*b', '*probes', '&a x', '&b 1'], ['*nope', '& x']);

interface Gen {
  lines: string[];
}

const scalarText = fc.oneof({ arbitrary: plain, weight: 6 }, quoted, flow, alias);
const block = fc.record({ header: mostly(['|', '|-', '>', '>-'], ['|+', '|2', '| # c']), body: fc.array(mostly(['line', 'two words', '', '# not a comment'], ['  more', ' ']), { minLength: 0, maxLength: 4 }) });
type Tree = { map: [string, Tree | string | { header: string; body: string[] }, string][] } | { seq: (Tree | string)[] };
const tree: fc.Arbitrary<Tree> = fc.letrec<{ tree: Tree }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small' },
    fc.record({ map: fc.array(fc.tuple(key, fc.oneof(scalarText, block, tie('tree')), comment), { minLength: 1, maxLength: 4 }) }),
    fc.record({ seq: fc.array(fc.oneof(scalarText, tie('tree')), { minLength: 1, maxLength: 4 }) }),
  ),
})).tree;

/** Writes a tree in block style, with some anchors, comments at many indents and blank lines. */
function write(t: Tree, indent: number, out: Gen, extras: number[], compact = false): void {
  const pad = ' '.repeat(indent);
  const extra = (): void => {
    const e = extras.shift() ?? 0;
    if (e === 1) out.lines.push('');
    else if (e === 2) out.lines.push(`${' '.repeat((extras[0] ?? 0) % (indent + 4))}# note`);
  };
  if ('seq' in t) {
    for (const item of t.seq) {
      if (typeof item === 'string') out.lines.push(`${pad}- ${item}`);
      else if ('map' in item && (extras[0] ?? 0) % 2 === 0) write(item, indent + 2, out, extras, true);
      else {
        out.lines.push(`${pad}-${(extras[0] ?? 0) % 3 === 1 ? ' &probes' : ''}`);
        write(item, indent + 2, out, extras);
      }
      extra();
    }
    return;
  }
  t.map.forEach(([k, v, c], i) => {
    const lead = compact && i === 0 ? `${' '.repeat(indent - 2)}- ` : pad;
    if (typeof v === 'string') out.lines.push(`${lead}${k}: ${v}${c}`);
    else if ('header' in v) {
      out.lines.push(`${lead}${k}: ${v.header}`);
      for (const line of v.body) out.lines.push(line === '' ? '' : `${pad}  ${line}`);
    } else {
      out.lines.push(`${lead}${k}:${(extras[0] ?? 0) % 4 === 3 ? ' &a' : ''}${c}`);
      write(v, 'seq' in v && (extras[0] ?? 0) % 3 === 0 ? indent : indent + 2, out, extras);
    }
    extra();
  });
}

function yamlText(docs: Tree[], extras: number[], markers: boolean[]): string {
  const out: Gen = { lines: [] };
  docs.forEach((doc, i) => {
    if (i > 0 || markers[0]) out.lines.push(markers[i + 1] ? '---' : '--- # doc');
    write(doc, 0, out, extras);
  });
  return out.lines.join('\n') + (markers[1] ? '\n' : '');
}

const texts = fc.tuple(fc.array(tree, { minLength: 1, maxLength: 3 }), fc.array(fc.nat(7), { maxLength: 40 }), fc.array(fc.boolean(), { minLength: 5, maxLength: 5 })).map(([docs, extras, markers]) => yamlText(docs, extras, markers));

describe('the fast YAML path', () => {
  it('reads every YAML file of the repository it accepts exactly as yaml does, and accepts most', () => {
    const files = yamlFiles();
    const read = files.filter((f) => checkText(readFileSync(f, 'utf8')));
    expect(files.length).toBeGreaterThan(50);
    expect(read.length / files.length).toBeGreaterThan(0.6);
  });

  it('builds the same nodes as yaml on generated GitOps-like YAML, or leaves the text to yaml', () => {
    let read = 0;
    fc.assert(
      fc.property(texts, (text) => {
        if (checkText(text)) read++;
      }),
      { numRuns: 1500, seed: 42 },
    );
    expect(read).toBeGreaterThan(100); // both sides are reached
  });

  it('never accepts an edit of those texts that yaml reads differently or with an error', () => {
    const edit = fc.tuple(texts, fc.array(fc.tuple(fc.nat(), fc.constantFrom('', ' ', '\n', ':', '-', '#', '"', "'", '&', '*', '[', ']', '{', '}', ',', '|', '>', 'a', '\t', '\r', '---\n', '\\', '!'), fc.nat(2)), { minLength: 1, maxLength: 3 }));
    fc.assert(
      fc.property(edit, ([text, edits]) => {
        let t = text;
        for (const [at, insert, del] of edits) {
          const i = at % (t.length + 1);
          t = t.slice(0, i) + insert + t.slice(i + del);
        }
        checkText(t);
      }),
      { numRuns: 2000, seed: 7 },
    );
  });

  it('reads the shapes it is for, and leaves others to yaml', () => {
    expect(checkText('a: 1\nb:\n  - x\n  - k: "v" # c\n    n: |\n      body\n---\nc: [1, {d: e}]\n')).toBe(true);
    expect(checkText('a: &x\n  b: 1\nc: *x\n')).toBe(true);
    for (const other of ['a: !!str 1\n', 'a: "\\x41"\n', 'a: b\n  c\n', '{a: 1}\n', 'a:\r\n  b: 1\r\n', 'a:\n\tb: 1\n', '%YAML 1.2\n---\na: 1\n', 'a: *nope\n']) expect(checkText(other)).toBe(false);
  });
});

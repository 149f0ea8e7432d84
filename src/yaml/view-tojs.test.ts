import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { isMap, isSeq, LineCounter, parseAllDocuments, type Document, type Node } from 'yaml';
import { aliasIndex } from './anchors.js';
import { NOT_PLAIN, PlainConverter } from './plain-js.js';
import { YamlView } from './view.js';

/** yaml's own conversion, or the error it throws, as a comparable value. */
function outcome(convert: () => unknown): unknown {
  try {
    return { value: convert() };
  } catch (err) {
    return { error: (err as Error).message };
  }
}

/** Every map and sequence of every document converts as `node.toJS(doc, ...)` does, with and without an index from the parse. */
function expectSameAsYaml(text: string, maxAliasCount = 100): number {
  let checked = 0;
  const lineCounter = new LineCounter();
  for (const doc of parseAllDocuments(text, { uniqueKeys: false, lineCounter }) as Document.Parsed[]) {
    if (doc.errors.length > 0) continue;
    const views = [new YamlView(text, lineCounter, doc), new YamlView(text, lineCounter, doc, aliasIndex(doc))];
    const stack: unknown[] = [doc.contents];
    while (stack.length > 0) {
      const node = stack.pop();
      if (!isMap(node) && !isSeq(node)) continue;
      const expected = outcome(() => (node as Node).toJS(doc, { maxAliasCount }));
      for (const view of views) expect(outcome(() => view.toJS(node, maxAliasCount))).toEqual(expected);
      checked++;
      for (const item of node.items) stack.push(isMap(node) ? (item as { value: unknown }).value : item);
    }
  }
  return checked;
}

test('view.toJS agrees with yaml on every YAML file of the repository', () => {
  const files = ['src', 'test', 'examples'].flatMap((dir) => readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.ya?ml$/.test(e.name)).map((e) => join(e.parentPath, e.name)));
  let checked = 0;
  for (const file of files) checked += expectSameAsYaml(readFileSync(file, 'utf8'));
  expect(checked).toBeGreaterThan(100);
});

test('view.toJS agrees with yaml on aliases, merge keys, redefined anchors and an alias limit', () => {
  const text = ['base: &b {image: nginx, tag: "1"}', 'a: {<<: *b, tag: "2"}', 'l: &l [*b, *b, *b]', 'm: [*l, *l, *l]', 'b2: &b {image: redis}', 'c: {x: *b}', ''].join('\n');
  expect(expectSameAsYaml(text)).toBeGreaterThan(5);
  // With a low limit yaml throws for the repeated aliases; so must the view.
  expect(expectSameAsYaml(text, 2)).toBeGreaterThan(5);
});

test('view.toJS agrees with yaml on generated documents with anchors and aliases', () => {
  const anchor = fc.constantFrom('a', 'b', 'c');
  const leaf = fc.oneof(fc.constant('1'), anchor.map((a) => `*${a}`));
  const value = fc.tuple(fc.option(anchor, { nil: undefined }), fc.oneof(leaf, fc.array(leaf, { maxLength: 3 }).map((xs) => `[${xs.join(', ')}]`), fc.constant('{k: *a}')))
    .map(([a, v]) => (a && !v.startsWith('*') ? `&${a} ${v}` : v));
  fc.assert(fc.property(fc.array(value, { minLength: 1, maxLength: 10 }), fc.constantFrom(3, 100), (values, limit) => {
    expectSameAsYaml(`root:\n${values.map((v, i) => `  k${i}: ${v}`).join('\n')}\n`, limit);
  }));
});

test('view.toJS of a tree without aliases is exactly yaml\'s, keys an object already has included', () => {
  const text = ['__proto__: {polluted: 1}', 'toString: x', 'constructor: [1, 2]', 'hasOwnProperty: ~', '1: one', '0x1F: hex', 'true: yes', 'null: n', '~: tilde', 'k: 1', 'k: 2', '"": empty', 'n: {a: [{b: c}, [], {}], d: !!str 3, e: 1.50, f: .inf}', 'b: |', '  block', 's: &s {kept: anchored}', ''].join('\n');
  const doc = parseAllDocuments(text, { uniqueKeys: false })[0] as Document.Parsed;
  const view = new YamlView(text, new LineCounter(), doc);
  const expected = (doc.contents as Node).toJS(doc, { maxAliasCount: 100 }) as Record<string, unknown>;
  const got = view.toJS(doc.contents as Node, 100) as Record<string, unknown>;
  // Jest's toStrictEqual compares `constructor` properties, which this map has of its own.
  expect(got).toEqual(expected);
  expect(isDeepStrictEqual(got, expected)).toBe(true);
  expect(Object.getPrototypeOf(got)).toBe(Object.prototype);
  expect(Object.getOwnPropertyNames(got)).toEqual(Object.getOwnPropertyNames(expected));
  expect(Object.getOwnPropertyDescriptor(got, '__proto__')).toEqual(Object.getOwnPropertyDescriptor(expected, '__proto__'));
  expect(new PlainConverter(aliasIndex(doc).targets, 100).convert(doc.contents)).not.toBe(NOT_PLAIN);
});

test('PlainConverter leaves merge keys, collection and anchored keys, yaml\'s own subclasses and refused aliases to yaml', () => {
  const refused = ['a: {<<: {b: 1}}\n', '? [a]\n: 1\n', '&k a: 1\nb: *k\n', 's: !!set {a, b}\n', 'o: !!omap [a: 1]\n', 'a: *nowhere\n', `a: &x [1]\nb: [${Array(101).fill('*x').join(', ')}]\n`];
  for (const text of refused) {
    const doc = parseAllDocuments(text, { uniqueKeys: false })[0] as Document.Parsed;
    expect(new PlainConverter(aliasIndex(doc).targets, 100).convert(doc.contents)).toBe(NOT_PLAIN);
    expectSameAsYaml(text);
  }
  // Aliases it reads: the anchor's own object, as yaml gives it.
  const doc = parseAllDocuments('a: &x {k: 1}\nb: *x\nc: &s 2\nd: [*s, *x]\ne: &self {me: *self}\n', { uniqueKeys: false })[0] as Document.Parsed;
  const got = new PlainConverter(aliasIndex(doc).targets, 100).convert(doc.contents) as Record<string, { me?: unknown }>;
  expect(got.b).toBe(got.a);
  expect(got.e!.me).toBe(got.e);
  expect(got).toEqual((doc.contents as Node).toJS(doc, { maxAliasCount: 100 }));
});

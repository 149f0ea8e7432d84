import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parseAllDocuments, visit, type Alias, type Document } from 'yaml';
import { aliasTargets } from './anchors.js';

const aliasesOf = (doc: Document): Alias[] => {
  const found: Alias[] = [];
  visit(doc, { Alias: (_k, node) => void found.push(node) });
  return found;
};

/** Every alias gets exactly what yaml's own (slower) Alias.resolve gives it. */
function expectSameAsYaml(text: string): number {
  let checked = 0;
  for (const doc of parseAllDocuments(text, { uniqueKeys: false }) as Document[]) {
    if (!('contents' in doc)) continue;
    const targets = aliasTargets(doc);
    for (const alias of aliasesOf(doc)) {
      expect(targets.get(alias)).toBe(alias.resolve(doc));
      checked++;
    }
  }
  return checked;
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.ya?ml$/.test(e.name))
    .map((e) => join(e.parentPath, e.name));
}

describe('aliasTargets', () => {
  test('agrees with Alias.resolve on every YAML fixture of the repository', () => {
    let aliases = 0;
    for (const file of [...yamlFiles('src'), ...yamlFiles('test'), ...yamlFiles('examples')]) aliases += expectSameAsYaml(readFileSync(file, 'utf8'));
    // Few fixtures use aliases (the next two tests generate more), but some must, or this checks nothing.
    expect(aliases).toBeGreaterThan(0);
  });

  test('redefined anchors, aliases in keys, merge keys and an alias before its anchor', () => {
    const checked = expectSameAsYaml([
      'a: &x 1', 'b: *x', 'c: &x {n: 2}', 'd: *x', '*x : key-alias', 'e: &y [1, *x]', 'f: *y',
      'g: {<<: *x, m: 3}', 'h: *later', 'i: &later 4', 'j: *missing', '',
    ].join('\n'));
    expect(checked).toBe(8);
  });

  test('agrees with Alias.resolve on generated documents', () => {
    const anchor = fc.constantFrom('a', 'b', 'c');
    const leaf = fc.oneof(fc.constant('1'), anchor.map((a) => `*${a}`));
    const value = fc.tuple(fc.option(anchor, { nil: undefined }), fc.oneof(leaf, fc.array(leaf, { maxLength: 3 }).map((xs) => `[${xs.join(', ')}]`)))
      .map(([a, v]) => (a && !v.startsWith('*') ? `&${a} ${v}` : v));
    fc.assert(fc.property(fc.array(value, { minLength: 1, maxLength: 12 }), (values) => {
      expectSameAsYaml(values.map((v, i) => `k${i}: ${v}`).join('\n'));
    }));
  });
});

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isAlias, isMap, LineCounter, parseAllDocuments, type Document } from 'yaml';
import { YamlView } from './view.js';

/** For every map of the text: `entryKey`, `deref` and `isAlias` over `items` give exactly the `entries` tuples. */
function expectSameEntries(text: string): number {
  let maps = 0;
  const lineCounter = new LineCounter();
  for (const doc of parseAllDocuments(text, { uniqueKeys: false, lineCounter }) as Document.Parsed[]) {
    if (doc.errors.length > 0) continue;
    const view = new YamlView(text, lineCounter, doc);
    const stack: unknown[] = [doc.contents];
    while (stack.length > 0) {
      const node = stack.pop();
      if (!isMap(node)) {
        if (node && typeof node === 'object' && 'items' in node) stack.push(...(node.items as unknown[]));
        continue;
      }
      const looped: unknown[] = [];
      for (const pair of node.items) {
        const key = view.entryKey(pair);
        if (key !== undefined) looped.push([key, view.deref(pair.value), isAlias(pair.value)]);
        if (!isAlias(pair.value)) stack.push(pair.value);
      }
      expect(looped).toEqual([...view.entries(node)]);
      maps++;
    }
  }
  return maps;
}

describe('YamlView.entryKey', () => {
  it('reads string, alias, number, null and collection keys as entries does', () => {
    const text = [
      'base: &name image',
      '*name : repo:1.0',
      '1: one',
      'true: yes',
      '~: nothing',
      '? [a, b]',
      ': flow key',
      '? {c: d}',
      ': map key',
      'defaults: &d {tag: "1.0"}',
      'child:',
      '  <<: *d',
      '  image: *name',
      '  list: [*d, x]',
      '',
    ].join('\n');
    expect(expectSameEntries(text)).toBeGreaterThanOrEqual(3);
    const doc = parseAllDocuments(text)[0] as Document.Parsed;
    const view = new YamlView(text, new LineCounter(), doc);
    const keys = (doc.contents as unknown as { items: Parameters<YamlView['entryKey']>[0][] }).items.map((pair) => view.entryKey(pair));
    expect(keys).toEqual(['base', 'image', undefined, undefined, undefined, undefined, undefined, 'defaults', 'child']);
  });

  it('agrees with entries on every YAML file of the examples and scenarios', () => {
    let maps = 0;
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (/\.ya?ml$/.test(entry.name)) maps += expectSameEntries(readFileSync(path, 'utf8'));
      }
    };
    walk('examples');
    walk('test/scenarios');
    expect(maps).toBeGreaterThan(60);
  });
});

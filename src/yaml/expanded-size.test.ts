import fc from 'fast-check';
import { isAlias, isMap, isPair, isSeq, parseDocument, type Node } from 'yaml';
import { parseYaml } from './parse.js';

/** The node count with every alias replaced by a copy of its anchor's node, by expanding it (small documents only). */
function expandedByHand(text: string): number {
  const doc = parseDocument(text, { uniqueKeys: false });
  const count = (node: unknown): number => {
    if (isAlias(node)) return count(node.resolve(doc));
    if (!isMap(node) && !isSeq(node)) return 1;
    return 1 + (node.items as unknown[]).reduce<number>((n, item) => n + (isPair(item) ? count(item.key) + count(item.value) : count(item as Node)), 0);
  };
  return count(doc.contents);
}

/** The count parseYaml reports for a document with aliases when its limit is 1 node. */
function reported(text: string): number | undefined {
  const { diagnostics } = parseYaml('x.yaml', text, { maxAliases: 1000, maxDepth: 200, maxExpandedNodes: 1 });
  const found = diagnostics.map((d) => /expands to (\d+) nodes/.exec(d.message)?.[1]).find((n) => n !== undefined);
  return found === undefined ? undefined : Number(found);
}

test('the expanded node count parseYaml checks is the count of the expansion, with anchors nested, reused and in sequences', () => {
  const fixed = [
    'a: &a [1, 2]\nb: *a\nc: *a\n',
    'base: &base\n  x: &x { p: 1, q: [2, 3] }\n  y: *x\nm:\n  - *base\n  - *base\n  - n: *x\n',
    'a: &a\n  - &b { k: v }\n  - *b\nb: [*a, *a, *b]\n',
  ];
  for (const text of fixed) expect(reported(text)).toBe(expandedByHand(text));
  // Generated: anchors &a0..&aN, each a map or sequence of scalars and aliases to the ones before it.
  const entry = fc.array(fc.oneof(fc.constant('s'), fc.nat(6)), { minLength: 1, maxLength: 4 });
  fc.assert(
    fc.property(fc.array(fc.tuple(fc.boolean(), entry), { minLength: 2, maxLength: 7 }), (anchors) => {
      const lines = anchors.map(([asMap, items], i) => {
        const parts = items.map((it, j) => (it === 's' || it >= i ? `v${j}` : `*a${it}`));
        return `k${i}: &a${i} ${asMap ? `{ ${parts.map((p, j) => `f${j}: ${p}`).join(', ')} }` : `[${parts.join(', ')}]`}`;
      });
      const text = `${lines.join('\n')}\nall: [${anchors.map((_, i) => `*a${i}`).join(', ')}]\n`;
      expect(reported(text)).toBe(expandedByHand(text));
    }),
    { numRuns: 300 },
  );
});

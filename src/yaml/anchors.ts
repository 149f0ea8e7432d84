import { isAlias, visit, type Alias, type Document, type Node } from 'yaml';

/**
 * Every alias of a document with the node it stands for, found in one walk. `Alias.resolve(doc)`
 * walks the whole document on each call (yaml 2.x), so a document with many aliases cost
 * aliases × nodes; a HelmRelease with a few `*probes` and `*envFrom` spent 15 % of a home-ops
 * scan there. Same rule as yaml's: the last node with that anchor before the alias, in the order
 * `visit` walks the document. A document that is changed afterwards needs a new map.
 */
export function aliasTargets(doc: Document): Map<Alias, Node | undefined> {
  const latest = new Map<string, Node>();
  const targets = new Map<Alias, Node | undefined>();
  visit(doc, {
    Node: (_key, node) => {
      if (isAlias(node)) targets.set(node, latest.get(node.source));
      else if (node.anchor) latest.set(node.anchor, node);
    },
  });
  return targets;
}

import { isAlias, visit, type Alias, type Document, type Node } from 'yaml';

/** One walk's facts about a document's aliases (see `aliasIndex`). */
export interface AliasIndex {
  /** Every alias with the node it stands for. */
  targets: Map<Alias, Node | undefined>;
  /** Aliases and anchored nodes in document order: what yaml's `toJS` context keeps as `aliasResolveCache`. */
  nodes: Node[];
}

/**
 * Every alias of a document with the node it stands for, found in one walk. `Alias.resolve(doc)`
 * walks the whole document on each call (yaml 2.x), so a document with many aliases cost
 * aliases × nodes; a HelmRelease with a few `*probes` and `*envFrom` spent 15 % of a home-ops
 * scan there. Same rule as yaml's: the last node with that anchor before the alias, in the order
 * `visit` walks the document. A document that is changed afterwards needs a new index.
 */
export function aliasIndex(doc: Document): AliasIndex {
  const latest = new Map<string, Node>();
  const targets = new Map<Alias, Node | undefined>();
  const nodes: Node[] = [];
  visit(doc, {
    Node: (_key, node) => {
      if (isAlias(node)) {
        targets.set(node, latest.get(node.source));
        nodes.push(node);
      } else if (node.anchor) {
        latest.set(node.anchor, node);
        nodes.push(node);
      }
    },
  });
  return { targets, nodes };
}

export function aliasTargets(doc: Document): Map<Alias, Node | undefined> {
  return aliasIndex(doc).targets;
}

import type { Alias, Node } from 'yaml';
import type { AliasIndex } from '../anchors.js';

/**
 * What `parseYaml` would otherwise learn about a document in two more walks (its `measure` and
 * `aliasIndex`): how many aliases it has, how deep it nests, and each alias's target.
 */
export interface DocFacts {
  aliases: number;
  depth: number;
  index: AliasIndex;
}

/**
 * The anchors and aliases of one document as the fast reader meets them, kept in the order yaml's
 * `visit` walks (an anchored node before what it holds), with the same rule for a target: the last
 * node with that anchor before the alias in that order. An alias to an anchor whose node is still
 * being read (it is inside it) has no target here, and the reader leaves the text to yaml.
 */
export class AnchorBook {
  private readonly latest = new Map<string, number>();
  private readonly nodes: (Node | undefined)[] = [];
  private readonly targets = new Map<Alias, Node | undefined>();
  private aliases = 0;
  /** The most collections around any node (as `measure` counts), noted by the reader. */
  depth = 0;

  /** An anchored node begins: its place in the order, filled by `close`. */
  open(name: string): number {
    const slot = this.nodes.length;
    this.nodes.push(undefined);
    this.latest.set(name, slot);
    return slot;
  }

  close(slot: number, node: Node): void {
    this.nodes[slot] = node;
  }

  /** The node an alias to `name` stands for now, or undefined (no such anchor, or one still open). */
  target(name: string): Node | undefined {
    const slot = this.latest.get(name);
    return slot === undefined ? undefined : this.nodes[slot];
  }

  alias(alias: Alias, target: Node): void {
    this.targets.set(alias, target);
    this.nodes.push(alias);
    this.aliases++;
  }

  facts(): DocFacts {
    return { aliases: this.aliases, depth: this.depth, index: { targets: this.targets, nodes: this.nodes as Node[] } };
  }
}

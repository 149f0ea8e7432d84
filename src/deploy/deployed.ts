import type { DeployUnit, HistoryCommit, Signal } from './types.js';

/** Whether `descendant` contains `ancestor` (GitHub's compare API); used off the first-parent line. */
export type Contains = (ancestor: string, descendant: string) => Promise<boolean>;

/**
 * What the default branch has deployed. On the first-parent line (the merges, in order) an older
 * commit is an ancestor of every newer one, so containment there is a position test; any other
 * pair is asked of the compare API, once per pair.
 */
export class DeployedView {
  readonly chain: HistoryCommit[] = [];
  private readonly position = new Map<string, number>();
  private readonly asked = new Map<string, Promise<boolean>>();

  constructor(
    history: HistoryCommit[],
    readonly latest: Map<string, Signal>,
    private readonly compare: Contains,
  ) {
    const bySha = new Map(history.map((c) => [c.sha, c]));
    for (let c = history[0]; c && !this.position.has(c.sha); c = bySha.get(c.parents[0] ?? '')) {
      this.position.set(c.sha, this.chain.length);
      this.chain.push(c);
    }
  }

  /** Where a commit sits on the first-parent line (0 is the head), if it is on it. */
  positionOf(sha: string): number | undefined {
    return this.position.get(sha);
  }

  contains(ancestor: string, descendant: string): Promise<boolean> {
    const a = this.position.get(ancestor);
    const d = this.position.get(descendant);
    if (a !== undefined && d !== undefined) return Promise.resolve(a >= d);
    const key = `${ancestor}...${descendant}`;
    let answer = this.asked.get(key);
    if (!answer) this.asked.set(key, (answer = this.compare(ancestor, descendant)));
    return answer;
  }

  /**
   * A merge is deployed when, for each unit its paths map to, that unit's newest deployment
   * contains it. A unit that never reported (or a merge that maps to none) is satisfied by any
   * unit's deployment that contains it: the repository may deploy through environments whose
   * names match no manifest.
   */
  async deployed(sha: string, units: string[]): Promise<boolean> {
    const any = async (): Promise<boolean> => {
      for (const signal of this.latest.values()) if (await this.contains(sha, signal.sha)) return true;
      return false;
    };
    if (units.length === 0) return any();
    for (const unit of units) {
      const signal = this.latest.get(unit);
      if (!(signal ? await this.contains(sha, signal.sha) : await any())) return false;
    }
    return true;
  }

  /** The distinct revisions last deployed, newest first on the chain. */
  revisions(): string[] {
    const shas = [...new Set([...this.latest.values()].map((s) => s.sha))];
    return shas.sort((a, b) => (this.position.get(a) ?? Infinity) - (this.position.get(b) ?? Infinity));
  }
}

/** The units whose directory holds one of `paths` (a unit at the repository root holds all). */
export function unitsFor(paths: string[], units: DeployUnit[]): string[] {
  const hit = units.filter((u) => paths.some((p) => u.path === '' || p === u.path || p.startsWith(`${u.path}/`)));
  return [...new Set(hit.map((u) => u.name))].sort();
}

import picomatch from 'picomatch';
import type { Config } from '../config/schema.js';
import type { HistoryCommit, Signal } from './types.js';

type Settings = Config['deployments'];

/** Deployment states that mean "this commit was deployed" (inactive: deployed, then superseded). */
const DEPLOYED = new Set(['SUCCESS', 'INACTIVE', 'ACTIVE']);

/** `2h` → milliseconds. */
export function durationMs(text: string): number {
  const match = /^(\d+)(m|h|d)$/.exec(text);
  if (!match) throw new Error(`invalid duration "${text}"`);
  return Number(match[1]) * { m: 60_000, h: 3_600_000, d: 86_400_000 }[match[2] as 'm' | 'h' | 'd'];
}

/**
 * The unit a status context names: Flux writes `kustomization/<name>/<id>`, Argo CD Notifications
 * `continuous-delivery/<app>`; both put the name second. A context without a slash names itself.
 */
export function unitOfContext(context: string): string {
  return context.split('/')[1] ?? context;
}

/** A matcher of globs; an empty list matches nothing. */
const globs = (patterns: string[]): ((s: string) => boolean) => (patterns.length ? picomatch(patterns, { dot: true }) : () => false);

/** Reads the successful deployments in a history, per the repository's settings. */
export class SignalReader {
  /** Whether a commit status context is a deployment (Flux, Argo CD), not CI. */
  readonly context: (s: string) => boolean;
  private readonly environment: (s: string) => boolean;

  constructor(settings: Settings) {
    this.context = globs(settings.statusContexts);
    this.environment = globs(settings.environments);
  }

  of(commit: HistoryCommit): Signal[] {
    const out: Signal[] = [];
    for (const s of commit.statuses) {
      if (s.state.toUpperCase() === 'SUCCESS' && this.context(s.context)) out.push({ sha: commit.sha, unit: unitOfContext(s.context), source: s.context });
    }
    for (const d of commit.deployments) {
      if (DEPLOYED.has(d.state.toUpperCase()) && this.environment(d.environment)) out.push({ sha: commit.sha, unit: d.environment, source: `deployment:${d.environment}` });
    }
    return out;
  }

  /** The newest signal per unit (history is newest first). */
  latest(history: HistoryCommit[]): Map<string, Signal> {
    const latest = new Map<string, Signal>();
    for (const commit of history) for (const signal of this.of(commit)) if (!latest.has(signal.unit)) latest.set(signal.unit, signal);
    return latest;
  }
}

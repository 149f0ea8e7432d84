import type { DisabledImage } from '../../model/file-result.js';
import type { Switch, Switches } from '../../model/switches.js';

/**
 * One values layer of a release as the `enabled` check sees it (decision 64): the `enabled` keys it
 * writes (none: `{}`), or a layer imagepin cannot read, which could write `key` (any key when absent).
 */
export type SwitchLayer =
  | { kind: 'known'; switches: Switches; what: string }
  | { kind: 'unknown'; key?: string; reason: string };

/** What one release (or Application, or build of the release's file) makes of a disabled image: still off, or why it may run. */
export type Verdict = { off: true } | { off: false; why: string };

/** The `enabled` keys that can disable an image: at the values root and on every map down its path (`enabled`, `metrics.enabled`, ...). */
export function candidateKeys(held: Pick<DisabledImage, 'occurrence' | 'prefix'>): string[] {
  const rel = held.occurrence.path.slice(held.prefix).map(String);
  const keys: string[] = [];
  for (let i = 0; i <= rel.length; i++) keys.push([...rel.slice(0, i), 'enabled'].join('.'));
  return keys;
}

interface KeyState {
  set?: Switch;
  what?: string;
  unknown?: string;
}

/**
 * Merges the layers in order, as Helm merges values files (the last that writes a key wins): the
 * image stays disabled only when some key above it is, in the merged values, the boolean `false`
 * and no layer imagepin cannot read comes after the one that wrote it. Otherwise it may run: the
 * layer that sets the key to something else (`true`, a template), or the layer that is not known.
 */
export function mergedVerdict(layers: readonly SwitchLayer[], keys: readonly string[]): Verdict {
  const states = new Map<string, KeyState>(keys.map((k) => [k, {}]));
  for (const layer of layers) {
    for (const [key, state] of states) {
      if (layer.kind === 'unknown') {
        if (layer.key === undefined || layer.key === key) state.unknown ??= layer.reason;
        continue;
      }
      const set = layer.switches[key];
      if (set) states.set(key, { set, what: layer.what });
    }
  }
  const all = [...states];
  if (all.some(([, s]) => s.set?.off && !s.unknown)) return { off: true };
  const enabling = all.find(([, s]) => s.set && !s.set.off && !s.unknown);
  if (enabling) {
    const [key, s] = enabling;
    return { off: false, why: `${s.what} sets ${key} to ${s.set!.value} (line ${s.set!.line})` };
  }
  const unknown = all.find(([, s]) => s.set?.off && s.unknown) ?? all.find(([, s]) => s.unknown);
  if (unknown) return { off: false, why: `${unknown[0]} may be set by a layer imagepin cannot read: ${unknown[1].unknown}` };
  return { off: false, why: 'no values layer of the release keeps an `enabled: false` above it' };
}

/** The note on an image made an occurrence again: which `enabled: false` did not decide, and why. */
export function enabledNote(held: Pick<DisabledImage, 'key'>, whys: readonly string[]): string {
  return `its block sets ${held.key}: false here, but that does not decide whether it is deployed: ${[...new Set(whys)].join('; ')}; so imagepin checks it (decision 64)`;
}

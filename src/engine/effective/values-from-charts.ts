import type { ChartRef } from '../../model/file-result.js';
import type { PreparedRelease } from './values-from-apply.js';
import { targetKey } from './set-value.js';

type Data = Record<string, unknown>;
const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

/** Sets a dotted key in plain data, making maps on the way (a scalar in the way is replaced, as a later values layer would). */
function setAt(data: Data, dotted: string, value: unknown): void {
  const keys = dotted.split('.');
  if (keys.some((key) => key === '' || FORBIDDEN.has(key))) return;
  let at = data;
  for (const key of keys.slice(0, -1)) {
    const next = at[key];
    at = (at[key] = typeof next === 'object' && next !== null && !Array.isArray(next) ? next : {}) as Data;
  }
  at[keys[keys.length - 1]!] = value;
}

/**
 * What a release's `valuesFrom` layers set under image-like keys, in Flux's order, as the chart
 * reference's `valuesFrom` (its `values`, spec.values, go over them): so a chart default image that
 * a values file of the tree overrides counts as set by the repository (src/charts/defaults.ts). Only those
 * leaves are known; a Secret's values, or a ConfigMap outside the tree, are not in it.
 */
export function addValuesFrom(charts: ChartRef[], releases: PreparedRelease[]): void {
  for (const { release, sources } of releases) {
    const ref = charts.find((c) => c.file === release.file && c.document === release.document);
    if (!ref) continue;
    const from: Data = Object.create(null) as Data;
    for (const source of sources) {
      if (source.kind === 'values' && !source.inline) for (const [key, leaf] of Object.entries(source.leaves)) setAt(from, key, leaf.value);
      else if (source.kind === 'target') setAt(from, source.key, source.value.value);
    }
    if (Object.keys(from).length > 0) ref.valuesFrom = { ...from };
    // The `enabled` keys of the same layers, and a layer that could set one (decision 64): what decides the chart's disabled defaults.
    const switches: Data = Object.create(null) as Data;
    for (const source of sources) {
      if (source.kind === 'values' && !source.inline) for (const [key, set] of Object.entries(source.switches ?? {})) setAt(switches, key, set.off ? false : set.value === 'true' ? true : set.value);
      else if (source.kind === 'target' && source.key.endsWith('enabled')) setAt(switches, source.key, source.value.value);
      else if (source.kind === 'unknown' && (source.key === undefined || source.key.endsWith('enabled'))) ref.valuesFromUnknown ??= source.reason;
    }
    if (Object.keys(switches).length > 0) ref.valuesFromSwitches = { ...switches };
    // Every targetPath entry, Secrets and ConfigMaps outside the tree too: the chart-override fix must not write under one.
    const targets = [...new Set(release.valuesFrom.filter((e) => e.targetPath).map((e) => targetKey(e.targetPath!) ?? '*'))];
    if (targets.length > 0) ref.valuesFromTargets = [...new Set([...(ref.valuesFromTargets ?? []), ...targets])];
  }
}

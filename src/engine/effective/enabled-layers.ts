import type { DisabledImage } from '../../model/file-result.js';
import type { ValueLeavesLayer } from '../../model/layers.js';
import type { Switches, ValuesReadersLayer } from '../../model/switches.js';
import type { PreparedApp } from './argo.js';
import { candidateKeys, mergedVerdict, type SwitchLayer, type Verdict } from './enabled.js';
import type { HolderIndex } from './values-from-apply.js';
import type { ValuesSource } from './values-from.js';

/** The `enabled: false` it was disabled by, as the layer's own switch when the file's switches were not recorded. */
function ownSwitches(held: DisabledImage, recorded: Switches | undefined): Switches {
  if (recorded?.[held.key]) return recorded;
  const line = held.notice.span?.start.line ?? 0;
  return { ...recorded, [held.key]: { off: true, value: 'false', line, path: [] } };
}

/**
 * Argo CD `helm.valueFiles` (decision 64): for each Application that layers this values file, its
 * files in order (the chart's values.yaml first), then `helm.parameters`, which win over every
 * file; a values file the tree does not hold is a layer imagepin cannot read, after those it does.
 */
export function argoVerdicts(held: DisabledImage, apps: readonly PreparedApp[], leaves: Map<string, ValueLeavesLayer>): Verdict[] {
  const occ = held.occurrence;
  const keys = candidateKeys(held);
  const out: Verdict[] = [];
  for (const { app, files, missing, dir } of apps) {
    const at = files.indexOf(occ.file);
    if (at < 0 && !(missing && dir && occ.file.startsWith(`${dir}/`))) continue;
    if (at < 0) {
      out.push({ off: false, why: `not every values file of ${app.file} is in the tree (${missing})` });
      continue;
    }
    const layers: SwitchLayer[] = files.map((file, i) => ({
      kind: 'known',
      switches: i === at ? ownSwitches(held, leaves.get(file)?.switches) : leaves.get(file)?.switches ?? {},
      what: `${file} (a values file of ${app.file})`,
    }));
    if (app.inlineSwitches) layers.push({ kind: 'known', switches: app.inlineSwitches, what: `helm.valuesObject (or helm.values) of ${app.file}` });
    for (const p of app.parameters) {
      layers.push({ kind: 'known', switches: { [p.name]: { off: p.value === 'false', value: p.value, line: p.line, path: p.path } }, what: `helm.parameters of ${app.file}` });
    }
    if (missing) layers.push({ kind: 'unknown', reason: `not every values file of ${app.file} is in the tree: ${missing}` });
    out.push(mergedVerdict(layers, keys));
  }
  return out;
}

/** One `valuesFrom` layer (or `spec.values`) as a switch layer; `own` is the layer that holds the image. */
function sourceLayer(source: ValuesSource, own: boolean, held: DisabledImage): SwitchLayer {
  if (source.kind === 'unknown') return { kind: 'unknown', ...(source.key !== undefined && { key: source.key }), reason: source.reason };
  if (source.kind === 'target') return { kind: 'known', switches: { [source.key]: { off: false, value: source.value.value, line: source.value.line, path: source.value.path } }, what: `${source.what} (targetPath)` };
  return { kind: 'known', switches: own ? ownSwitches(held, source.switches) : source.switches ?? {}, what: source.what };
}

/**
 * Flux `valuesFrom` (decision 64): for each HelmRelease that reads the layer holding the image, its
 * layers in Flux's order. A `targetPath` entry (or one imagepin cannot read as a key) that writes an
 * `enabled` key over `spec.values` is not known to lose: Flux's documentation says a targetPath wins,
 * its helm-controller merges `spec.values` last.
 */
export function fluxVerdicts(held: DisabledImage, holders: HolderIndex): Verdict[] {
  const occ = held.occurrence;
  const keys = candidateKeys(held);
  const out: Verdict[] = [];
  for (const { prepared, index } of holders.get(occ.file) ?? []) {
    const own = prepared.sources[index]!;
    if (own.kind !== 'values' || (own.document !== undefined && own.document !== occ.document) || !own.prefix.every((k, i) => occ.path[i] === k)) continue;
    const layers = prepared.sources.map((source, j) => sourceLayer(source, j === index, held));
    if (own.inline) {
      for (const source of prepared.sources.slice(0, index)) {
        if (source.kind === 'target' || (source.kind === 'unknown' && source.key !== undefined)) {
          layers.push({ kind: 'unknown', key: source.key!, reason: `${source.kind === 'target' ? source.what : source.reason}: Flux's documentation says a targetPath wins over spec.values, its helm-controller merges spec.values last` });
        }
      }
    }
    out.push(mergedVerdict(layers, keys));
  }
  return out;
}

/**
 * helmfile releases and kustomize `helmCharts` entries (decision 64): each that names the image's
 * values file, its entries in order. A named file that imagepin did not read as values (not named
 * like one, or not in the tree) is a layer that is not known.
 */
export function readerVerdicts(held: DisabledImage, readers: readonly ValuesReadersLayer[], leaves: Map<string, ValueLeavesLayer>): Verdict[] {
  const occ = held.occurrence;
  const out: Verdict[] = [];
  for (const reader of readers) {
    if (!reader.entries.some((e) => 'file' in e && e.file === occ.file)) continue;
    const layers = reader.entries.map((entry): SwitchLayer => {
      if ('unknown' in entry) return { kind: 'unknown', reason: entry.unknown };
      if ('switches' in entry) return { kind: 'known', switches: entry.switches, what: `the inline values of ${reader.what} (line ${entry.line})` };
      const read = leaves.get(entry.file);
      if (entry.file === occ.file) return { kind: 'known', switches: ownSwitches(held, read?.switches), what: entry.file };
      if (!read) return { kind: 'unknown', reason: `${entry.file}, a values file of ${reader.what}, is not among the files imagepin read as a values file` };
      return { kind: 'known', switches: read.switches ?? {}, what: `${entry.file} (a values file of ${reader.what})` };
    });
    out.push(mergedVerdict(layers, candidateKeys(held)));
  }
  return out;
}

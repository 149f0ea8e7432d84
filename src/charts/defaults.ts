import { parse, stringify } from 'yaml';
import { reasonOf } from '../engine/contain.js';
import type { Inventory } from '../engine/scan.js';
import { extractFile } from '../extractors/index.js';
import type { ChartRef, Diagnostic } from '../model/file-result.js';
import { formatPath } from '../model/position.js';
import type { Occurrence, Part } from '../model/occurrence.js';
import { parseReference } from '../model/reference.js';
import type { NotFollowed } from '../model/not-followed.js';
import type { ChartFetcher, ChartSource, FetchedChart } from './fetch.js';
import { disabledDefaults, unknownEnabled } from './disabled-defaults.js';
import { hasPath, helmMerge, valueAt } from './merge.js';

/** Where a chart-default occurrence comes from: enough to write and check an override for it. */
export interface ChartDefaultOrigin {
  ref: ChartRef;
  chart: FetchedChart;
  /** The image's path inside the chart's values. */
  relPath: (string | number)[];
}

/** Where a chart reference's chart comes from: its own repoURL, or the Flux HelmRepository it names. */
function sourceOf(ref: ChartRef, inventory: Inventory): ChartSource | undefined {
  // A Flux HelmRelease `chartRef` to an OCIRepository: the chart is the artifact at its url and ref.
  if (ref.sourceRef?.startsWith('OCIRepository/')) {
    const [, namespace, name] = ref.sourceRef.split('/');
    const oci = inventory.charts.find((c) => c.owner.kind === 'OCIRepository' && c.owner.name === name && (c.owner.namespace ?? namespace) === namespace);
    const url = oci?.repoURL?.replace(/\/+$/, '');
    if (!url || !oci?.version) return undefined;
    const slash = url.lastIndexOf('/');
    return { type: 'oci', repoURL: url.slice(0, slash), chart: url.slice(slash + 1), version: oci.version };
  }
  if (!ref.chart || !ref.version || ref.type === 'git') return undefined;
  let repoURL = ref.repoURL;
  let type = ref.type;
  if (!repoURL && ref.sourceRef?.startsWith('HelmRepository/')) {
    const [, namespace, name] = ref.sourceRef.split('/');
    const repo = inventory.repositories.find((r) => r.name === name && (r.namespace ?? namespace) === namespace);
    if (!repo) return undefined;
    repoURL = repo.url;
    type = repo.type === 'oci' ? 'oci' : 'helm';
  }
  if (!repoURL) return undefined;
  // Argo CD writes OCI repositories without a scheme.
  if (type === 'oci' && !repoURL.startsWith('oci://')) repoURL = `oci://${repoURL}`;
  // helmfile names charts `repository/chart`.
  const chart = ref.format === 'helmfile' ? (ref.chart.split('/').pop() ?? ref.chart) : ref.chart;
  return { type, repoURL, chart, version: ref.version };
}

/** Why a chart's source cannot be found: the HelmRepository or OCIRepository it names is not among the files read. */
function missingSource(ref: ChartRef, inventory: Inventory): string | undefined {
  const match = /^(HelmRepository|OCIRepository)\/([^/]*)\/(.+)$/.exec(ref.sourceRef ?? '');
  if (!match) return undefined;
  const [, kind, namespace, name] = match;
  const known = kind === 'HelmRepository'
    ? inventory.repositories.some((r) => r.name === name && (r.namespace ?? namespace) === namespace)
    : inventory.charts.some((c) => c.owner.kind === 'OCIRepository' && c.owner.name === name && (c.owner.namespace ?? namespace) === namespace);
  if (known) return undefined;
  const chart = ref.chart ? `chart ${ref.chart}${ref.version ? ` ${ref.version}` : ''}` : 'the chart';
  return `${kind} ${namespace}/${name} is not in the files imagepin read, so ${chart} cannot be fetched and its default images are not checked`;
}

type Dependency = { name?: string; alias?: string; condition?: string };

/**
 * The chart's defaults with its subcharts' under their names, as Helm sees them, merged with the
 * overrides. A subchart whose `condition` (Chart.yaml dependencies, the simple `a.b.enabled` form)
 * is false in the merged values is left out, as Helm leaves it out.
 */
function mergedValues(chart: FetchedChart, overrides: unknown): unknown {
  const read = (path: string): unknown => parse(chart.files.get(path) ?? '', { maxAliasCount: 100, logLevel: 'error' }) ?? {};
  const deps = ((read('Chart.yaml') as { dependencies?: Dependency[] }).dependencies ?? []);
  let defaults = read('values.yaml');
  const subcharts: [string, unknown][] = [];
  for (const path of chart.files.keys()) {
    const sub = /^charts\/([^/]+)\/values\.yaml$/.exec(path)?.[1];
    if (sub) subcharts.push([sub, read(path)]);
  }
  for (const [sub, values] of subcharts) defaults = helmMerge({ [sub]: values }, defaults);
  const merged = helmMerge(defaults, overrides) as Record<string, unknown>;
  for (const [sub] of subcharts) {
    const dep = deps.find((d) => (d.alias ?? d.name) === sub);
    const condition = dep?.condition?.split(',')[0]?.trim();
    if (condition && valueAt(merged, condition.split('.')) === false) delete merged[sub];
  }
  return merged;
}

/** The chart's appVersion (Chart.yaml): the release of its application it was made and tested for. */
export function appVersionOf(chart: FetchedChart): string | undefined {
  const value = (parse(chart.files.get('Chart.yaml') ?? '') as { appVersion?: unknown } | null)?.appVersion;
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The values the repository gives a chart: a HelmRelease's `valuesFrom` layers in the tree, then its `spec.values` over them. */
export function repositoryValues(ref: ChartRef): unknown {
  const from = ref.valuesFromSwitches === undefined ? ref.valuesFrom : helmMerge(ref.valuesFrom ?? {}, ref.valuesFromSwitches);
  return from === undefined ? ref.values ?? {} : helmMerge(from, ref.values ?? {});
}

/**
 * The images a chart deploys by default, merged with the repository's overrides: each image with at
 * least one part (repository, tag, digest) from the chart becomes an occurrence marked
 * `chart-default`, pointing at the chart reference in the repository (the chart's own file is not
 * in the repository). Images the repository writes completely are its own occurrences already.
 */
export function defaultOccurrences(ref: ChartRef, chart: FetchedChart, overrides: unknown = repositoryValues(ref)): Occurrence[] {
  return chartDefaults(ref, chart, overrides).occurrences;
}

/** The chart-default occurrences, and the default images left out because their values say `enabled: false` (as notices). */
export function chartDefaults(ref: ChartRef, chart: FetchedChart, overrides: unknown = repositoryValues(ref)): { occurrences: Occurrence[]; disabled: NotFollowed[] } {
  const merged = mergedValues(chart, overrides);
  const result = extractFile(`${ref.chart}/values.yaml`, stringify(merged ?? {}));
  // A valuesFrom layer imagepin cannot read may enable a disabled default (decision 64): those are checked.
  const enabled = unknownEnabled(ref, result.disabledImages ?? []);
  const occurrences = fromChart(ref, chart, overrides, [...result.occurrences, ...enabled]);
  const notices = (result.notFollowed ?? []).filter((n) => !enabled.some((o) => o.path.join('.') === n.path.join('.')));
  return { occurrences, disabled: disabledDefaults(ref, chart, notices, overrides) };
}

function fromChart(ref: ChartRef, chart: FetchedChart, overrides: unknown, found: Occurrence[]): Occurrence[] {
  const appVersion = appVersionOf(chart);
  const name = `${ref.chart} ${chart.version}`;
  const at = ref.versionNode?.span ?? ref.span;
  const node = ref.versionNode ?? { span: ref.span, style: 'plain' as const, source: '' };
  return found.flatMap((occ): Occurrence[] => {
    const parts = Object.values(occ.parts) as Part[];
    if (parts.length > 0 && parts.every((p) => hasPath(overrides, p.path))) return [];
    const out: Occurrence = { ...occ, file: ref.file, document: 0, path: [...(ref.valuesPath ?? []), ...occ.path], owner: ref.owner, origin: 'chart-default', format: ref.format };
    // Positions inside the chart's own values mean nothing in this repository: point at the chart reference.
    out.parts = Object.fromEntries(Object.entries(occ.parts).map(([k, p]) => [k, { ...p, span: at, node }]));
    if (occ.pullPolicy) out.pullPolicy = { ...occ.pullPolicy, span: at };
    const fromRepo = Object.entries(occ.parts).filter(([, p]) => hasPath(overrides, p.path)).map(([k]) => k);
    const fromChart = Object.keys(occ.parts).filter((k) => !fromRepo.includes(k) && k !== 'image');
    out.notes = [...(occ.notes ?? []), ...(fromRepo.length ? [`${fromRepo.join(', ')} set by the repository; ${fromChart.join(', ')} from the chart`] : []), `from the defaults of chart ${name} (values ${formatPath(occ.path)})`];
    if (occ.skipReason === 'tag-from-chart' && appVersion && occ.reference) {
      const withTag = parseReference(`${occ.reference.canonical}:${appVersion}`);
      if (withTag.ok) {
        out.reference = withTag.ref;
        delete out.skipReason;
        delete out.skipDetail;
        out.notes.push(`tag assumed to be the chart's appVersion ${appVersion}, as most charts do`);
      }
    }
    return [out];
  });
}

/**
 * A chart that lives in the repository itself: a Flux HelmRelease whose chart is a path in a
 * GitRepository (taken to be this repository), or an Argo CD git source whose path holds a
 * Chart.yaml. Its files are read from the same tree, so nothing is fetched.
 */
async function localChart(ref: ChartRef, read: (path: string) => Promise<string | undefined>): Promise<FetchedChart | undefined> {
  const dir = ref.format === 'flux' && ref.sourceRef?.startsWith('GitRepository/') ? ref.chart : ref.format === 'argocd' && ref.type === 'git' ? ref.localPath : undefined;
  if (!dir) return undefined;
  const base = dir.replace(/^\.\//, '').replace(/\/+$/, '');
  const chartYaml = await read(`${base}/Chart.yaml`);
  if (chartYaml === undefined) return undefined;
  const files = new Map([['Chart.yaml', chartYaml], ['values.yaml', (await read(`${base}/values.yaml`)) ?? '']]);
  return { version: String((parse(chartYaml) as { version?: unknown } | null)?.version ?? 'local'), files, refused: [] };
}

/**
 * Fetches (or reads, for local charts) every chart the inventory deploys and returns its
 * chart-default images, with where each came from; failures are explained, never fatal.
 */
export async function chartDefaultImages(inventory: Inventory, fetcher: ChartFetcher, read: (path: string) => Promise<string | undefined> = async () => undefined): Promise<{ occurrences: Occurrence[]; diagnostics: Diagnostic[]; origins: Map<Occurrence, ChartDefaultOrigin>; notFollowed: NotFollowed[] }> {
  const occurrences: Occurrence[] = [];
  const notFollowed: NotFollowed[] = [];
  const origins = new Map<Occurrence, ChartDefaultOrigin>();
  const diagnostics: Diagnostic[] = [];
  type Outcome = { occurrences: Occurrence[]; diagnostics: Diagnostic[]; origins: [Occurrence, ChartDefaultOrigin][]; notFollowed: NotFollowed[] };
  // Fetched in parallel, reported in the order of the chart references, so output is stable.
  const results = await Promise.all(inventory.charts.map(async (ref): Promise<Outcome> => {
    const out: Outcome = { occurrences: [], diagnostics: [], origins: [], notFollowed: [] };
    let source: ChartSource | undefined;
    // Everything about one chart reference, finding its source included, is one unit: a failure is its diagnostic.
    try {
      const local = await localChart(ref, read);
      source = local ? undefined : sourceOf(ref, inventory);
      if (!local && !source) {
        const missing = missingSource(ref, inventory);
        if (missing) out.diagnostics.push({ file: ref.file, code: 'chart-unavailable', line: ref.span.start.line, message: missing });
        return out;
      }
      const chart = local ?? (await fetcher.fetch(source!));
      const defaults = chartDefaults(ref, chart);
      out.notFollowed.push(...defaults.disabled);
      for (const occ of defaults.occurrences) {
        out.occurrences.push(occ);
        out.origins.push([occ, { ref, chart, relPath: occ.path.slice(ref.valuesPath?.length ?? 0) }]);
      }
      for (const refused of chart.refused) out.diagnostics.push({ file: ref.file, code: 'chart-unavailable', line: ref.span.start.line, message: `chart ${ref.chart} ${chart.version}: ${refused} (entry skipped)` });
    } catch (err) {
      const name = source ? `${source.chart} ${source.version} from ${source.repoURL}` : `${ref.chart ?? ref.localPath ?? 'chart'}${ref.version ? ` ${ref.version}` : ''}`;
      out.diagnostics.push({ file: ref.file, code: 'chart-unavailable', line: ref.span.start.line, message: `chart ${name} could not be read, so its default images are not checked: ${reasonOf(err)}` });
    }
    return out;
  }));
  for (const r of results) {
    occurrences.push(...r.occurrences);
    diagnostics.push(...r.diagnostics);
    notFollowed.push(...r.notFollowed);
    for (const [occ, origin] of r.origins) origins.set(occ, origin);
  }
  return { occurrences, diagnostics, origins, notFollowed };
}

import { dirname } from 'node:path/posix';
import { extractFile, isCandidate } from '../extractors/index.js';
import { CHART_FILE } from '../extractors/chart-metadata.js';
import { readTalenv, TALENV_FILE } from '../extractors/talos/talenv.js';
import type { TalosPatchFiles } from '../extractors/talos/patch-files.js';
import type { OmniConfigPatch } from '../extractors/talos/omni-config-patches.js';
import { readTalhelperPatches } from './talhelper-inputs.js';
import type { ChartMetadata, ChartRef, ChartRepository, Diagnostic, FileResult, MirrorConfig, RegistryHost } from '../model/file-result.js';
import type { Occurrence } from '../model/occurrence.js';
import type { NotFollowed } from '../model/not-followed.js';
import type { Resolution } from '../resolver/types.js';
import type { ChartDefaultOrigin } from '../charts/defaults.js';
import type { Source, SourceFile } from '../sources/types.js';
import { InventoryBuilder } from './inventory.js';
import { readGitTree, type GitTree } from './effective/git-files.js';
import type { Layer } from '../model/layers.js';
import { namedJsonPatches } from './patch-json.js';
import { generatorFilesWanted, readGeneratorFiles } from './generator-files.js';
import type { YamlLimits } from '../yaml/parse.js';
import { contain, reasonOf } from './contain.js';
import { binaryFile, decodeText, DEFAULT_MAX_FILE_BYTES, tooLarge } from './decode.js';

export interface ScanOptions {
  maxFileBytes?: number;
  limits?: YamlLimits;
  /** How many files are read at once. */
  concurrency?: number;
  /** Extensions of template files that render YAML (config `templateExtensions`). */
  templateExtensions?: readonly string[];
  /** `owner/repo` of the tree, when known (the App): an ApplicationSet git generator on another repoURL is then unknown. */
  repository?: string;
}

/** The inventory of a tree: everything every file yielded, in file order, and what the registries said. */
export interface Inventory {
  source: string;
  files: { file: string; formats: string[] }[];
  occurrences: Occurrence[];
  charts: ChartRef[];
  mirrors: MirrorConfig[];
  repositories: ChartRepository[];
  /** Host names of the in-cluster registry (Harbor externalURL, its Ingress hosts). */
  registryHosts?: RegistryHost[];
  diagnostics: Diagnostic[];
  /** What the tree includes that imagepin does not read (remote kustomize bases): neutral notices, never diagnostics (decision 43). */
  notFollowed?: NotFollowed[];
  /** Resolutions by canonical reference; absent when the scan ran offline. */
  resolutions?: Map<string, Resolution>;
  /** For floating, partial and missing tags: the releases they could move to (see release-options.ts). */
  releaseOptions?: Map<Occurrence, import('./release-options.js').ReleaseOptions>;
  /** What the configured mirror serves for each mirrored image, by the original's canonical reference. */
  mirrorResolutions?: Map<string, Resolution>;
  /** For chart-default occurrences: the chart reference and chart they come from, for override fixes. */
  chartDefaults?: Map<Occurrence, ChartDefaultOrigin>;
  /** Pulls left before a registry's rate limit, as it last reported (Docker Hub's `ratelimit-remaining`). */
  rateLimitRemaining?: Record<string, number>;
}

/** The Chart.yaml nearest above a file, so values files know their chart's appVersion. */
function chartLookup(charts: Map<string, ChartMetadata>): (file: string) => ChartMetadata | undefined {
  return (file) => {
    for (let dir = dirname(file); ; dir = dirname(dir)) {
      const found = charts.get(dir);
      if (found || dir === '.' || dir === '/') return found;
    }
  };
}

function unreadable(file: string, reason: string): Diagnostic {
  const what = file.endsWith('/') ? 'folder' : 'file';
  return { file, code: 'unreadable', message: `cannot read this ${what}: ${reason}; its images are not checked` };
}

/** An empty result for a file whose extraction failed as a whole (the extractors contain their own failures; this is the last line). */
const nothing = (file: string): FileResult => ({ file, formats: [], occurrences: [], charts: [], mirrors: [], repositories: [], diagnostics: [] });

type Decoded = { file: string; text: string } | { file: string; diagnostic: Diagnostic };

/** Where a scan puts what each file yields: the inventory in memory, or a spill file (decision 41). */
export interface Collector<T> {
  readFailed(diagnostic: Diagnostic): void;
  add(result: FileResult): void;
  layers(): Layer[];
  done(tree?: GitTree): T;
}

/**
 * Step 1 and 2 of the pipeline: read a source and extract every file. Never throws for file
 * content: a file or folder that cannot be read, or whose extraction fails, is a diagnostic.
 */
export async function scanSource(source: Source, options: ScanOptions = {}): Promise<Inventory> {
  return scanInto(source, options, new InventoryBuilder(source.name));
}

/** The same scan, each file's result given to `inventory` as it is extracted. */
export async function scanInto<T>(source: Source, options: ScanOptions, inventory: Collector<T>): Promise<T> {
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const listed = await source.list();
  // Unreadable folders have no file name to filter on; they are reported whatever they hold.
  const candidates = listed.filter((f) => isCandidate(f.path, options.templateExtensions) || (f.unreadable !== undefined && f.path.endsWith('/')));
  const read = async (f: SourceFile): Promise<Decoded> => {
    if (f.unreadable !== undefined) return { file: f.path, diagnostic: unreadable(f.path, f.unreadable) };
    if (f.size > maxBytes) return { file: f.path, diagnostic: tooLarge(f.path, f.size, maxBytes) };
    if (f.binary) return { file: f.path, diagnostic: binaryFile(f.path) };
    try {
      return { file: f.path, ...decodeText(f.path, await source.read(f.path), maxBytes) };
    } catch (err) {
      return { file: f.path, diagnostic: unreadable(f.path, reasonOf(err)) };
    }
  };
  const talenvs = new Map<string, Readonly<Record<string, string>>>();
  // What the tree holds, so a file a helmfile names can be said to be missing; not known (no such
  // diagnostic) when the source has only some files and not its whole listing.
  const whole = source.tree ? await source.tree() : listed.filter((f) => !f.path.endsWith('/')).map((f) => f.path);
  const wholePaths = whole && new Set(whole);
  const held = wholePaths && ((path: string): boolean => wholePaths.has(path));
  // Set once the talhelper patch files are read, before any talconfig.yaml is extracted.
  const talhelper: { patchFiles?: TalosPatchFiles; omniConfigPatches?: readonly OmniConfigPatch[] } = {};
  const extract = (file: string, text: string, chartFor?: (file: string) => ChartMetadata | undefined, asYaml?: boolean): FileResult => {
    const failed: Diagnostic[] = [];
    const talenvFor = (path: string): Readonly<Record<string, string>> | undefined => talenvs.get(dirname(path));
    const result = contain({ file, what: 'this file' }, failed, undefined, () => extractFile(file, text, { limits: options.limits, chartFor, talenvFor, talosPatchFiles: talhelper.patchFiles, ...(talhelper.omniConfigPatches?.length && { omniConfigPatches: talhelper.omniConfigPatches }), ...(held && { held }), templateExtensions: options.templateExtensions, ...(asYaml && { asYaml }) }));
    return result ?? { ...nothing(file), diagnostics: failed };
  };
  // Chart.yaml files first, so every values file can be told its chart's appVersion; talhelper's
  // talenv.yaml too, so a talconfig.yaml beside it has its `${VAR}` filled in as talhelper does.
  const chartEntries = new Map<string, FileResult | Diagnostic>();
  const charts = new Map<string, ChartMetadata>();
  for (const f of candidates) {
    if (!(CHART_FILE.test(f.path) || TALENV_FILE.test(f.path)) || (f.unreadable !== undefined && f.path.endsWith('/'))) continue;
    const entry = await read(f);
    if ('diagnostic' in entry) chartEntries.set(f.path, entry.diagnostic);
    else {
      const result = extract(entry.file, entry.text);
      chartEntries.set(f.path, result);
      if (result.chartMetadata) charts.set(dirname(entry.file), result.chartMetadata);
      if (TALENV_FILE.test(entry.file)) talenvs.set(dirname(entry.file), readTalenv(entry.text));
    }
  }
  Object.assign(talhelper, await readTalhelperPatches(candidates, read, extract, chartEntries, whole));
  // Then every file in turn, a batch read at a time: only the batch's texts are held, never the tree's.
  const chartFor = chartLookup(charts);
  const batch = options.concurrency ?? 16;
  for (let i = 0; i < candidates.length; i += batch) {
    const slice = candidates.slice(i, i + batch);
    const entries = await Promise.all(slice.map((f) => chartEntries.get(f.path) ?? read(f)));
    for (const entry of entries) {
      if ('code' in entry) inventory.readFailed(entry);
      else if ('diagnostic' in entry) inventory.readFailed(entry.diagnostic);
      else if ('text' in entry) inventory.add(extract(entry.file, entry.text, chartFor));
      else inventory.add(entry);
    }
  }
  // The `.json` patch files the kustomizations name (decision 32, round 2), after the YAML that names them.
  for (const f of namedJsonPatches(inventory.layers(), listed)) {
    const entry = await read(f);
    if ('diagnostic' in entry) inventory.readFailed(entry.diagnostic);
    else inventory.add(extract(entry.file, entry.text, chartFor, true));
  }
  // The config files ApplicationSet git generators match (JSON too), and every path for their globs.
  const tree = await readGitTree(inventory.layers(), whole ?? listed.map((f) => f.path), (path) => source.read(path), maxBytes, options.repository);
  if (!whole) tree.partial = `imagepin has only some files of ${source.name}, not its whole listing`;
  // The env files and targetPath files of configMapGenerators that HelmRelease valuesFrom entries read (decision 0048).
  const generatorPaths = generatorFilesWanted(inventory.layers(), new Set(listed.filter((f) => f.unreadable === undefined).map((f) => f.path)));
  if (generatorPaths.length > 0) tree.generatorFiles = await readGeneratorFiles(generatorPaths, (path) => source.read(path), maxBytes);
  return inventory.done(tree);
}

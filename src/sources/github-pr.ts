import pLimit from 'p-limit';
import type { ProbotOctokit } from 'probot';
import { isCandidate } from '../extractors/index.js';
import { changedLines, diffHunks, type Hunk } from './diff.js';
import { contextFiles, KUSTOMIZATION } from './pr-context.js';
import { generatorFiles, namedPatchFiles, nearChange, neededFiles, referenced } from './pr-needs.js';
import { generatorDataFiles } from './pr-generator-files.js';
import { listPullFiles } from './pull-files.js';
import { appSetSearch, possibleConfigs, readers } from './pr-appsets.js';
import type { Source, SourceFile } from './types.js';


export type Octokit = InstanceType<typeof ProbotOctokit>;

export interface PullRequestRef {
  owner: string;
  repo: string;
  number: number;
  headSha: string;
  baseSha: string;
  /** How many files the PR changes (the PR snapshot's count): the files pages are then asked for at once. */
  changedFiles?: number;
}

export interface ChangedFile {
  path: string;
  status: string;
  previousPath?: string;
  /** Lines the PR adds or changes in the head version. */
  lines: Set<number>;
  /** The diff's hunks in the head version: where review comments may go (none without a patch). */
  hunks?: Hunk[];
}

export interface Blob {
  text: string | null;
  isBinary: boolean | null;
  byteSize: number;
  isTruncated: boolean;
}

/** Objects per GraphQL query: head and base of 250 files; a 500-file PR needs two queries. */
const OBJECTS_PER_QUERY = 500;
/** GraphQL blob queries in flight at once: a whole-repository read (thousands of files) stays gentle on GitHub. */
const BATCHES_AT_ONCE = 4;

/** Files fetched in batches, offered as a Source; `text()` reads one synchronously (fixers need it). */
export class FetchedSource implements Source {
  constructor(
    readonly name: string,
    private readonly files: Map<string, Blob>,
    /** The tree's whole listing, when it was listed (the head side): what ApplicationSet git generators match. */
    private readonly paths?: readonly string[],
  ) {}

  async tree(): Promise<readonly string[] | undefined> {
    return this.paths;
  }

  async list(): Promise<SourceFile[]> {
    return [...this.files].map(([path, blob]) => ({ path, size: blob.isTruncated ? Number.MAX_SAFE_INTEGER : blob.byteSize, binary: blob.isBinary === true || blob.text === null }));
  }

  async read(path: string): Promise<Uint8Array> {
    const text = this.text(path);
    if (text === undefined) throw new Error(`${path} was not fetched from ${this.name}`);
    return Buffer.from(text, 'utf8');
  }

  text(path: string): string | undefined {
    return this.files.get(path)?.text ?? undefined;
  }
}

export interface WantedBlob {
  sha: string;
  path: string;
  as: string;
  side?: string;
}

/** Contents of many files at given commits, in GraphQL batches of OBJECTS_PER_QUERY: never a call per file. */
export async function fetchBlobs(octokit: Octokit, repo: { owner: string; repo: string }, wanted: WantedBlob[]): Promise<Map<WantedBlob, Blob>> {
  const found = new Map<WantedBlob, Blob>();
  const batches = Array.from({ length: Math.ceil(wanted.length / OBJECTS_PER_QUERY) }, (_, i) => wanted.slice(i * OBJECTS_PER_QUERY, (i + 1) * OBJECTS_PER_QUERY));
  // A few batches at once (a 500-file PR's head and base in one round trip, not two), as the PR files pages are.
  const limit = pLimit(BATCHES_AT_ONCE);
  const answers = await Promise.all(batches.map((batch) => limit(() => {
    const fields = batch.map((w, j) => `f${j}: object(expression: ${JSON.stringify(`${w.sha}:${w.path}`)}) { ... on Blob { text isBinary byteSize isTruncated } }`);
    return octokit.graphql<{ repository: Record<string, Blob | null> }>(`query($owner: String!, $repo: String!) { repository(owner: $owner, name: $repo) { ${fields.join(' ')} } }`, { owner: repo.owner, repo: repo.repo });
  })));
  batches.forEach((batch, i) => batch.forEach((w, j) => {
    const blob = answers[i]!.repository[`f${j}`];
    if (blob) found.set(w, blob);
  }));
  return found;
}

/**
 * A pull request's files as two sources, head and base, fetched in O(1) GitHub calls per 100
 * files: the PR files API (100 a page) for what changed, one recursive tree listing for the context
 * files the analysis needs (`contextFiles`: charts, chart sources, Talos and mirror config,
 * kustomize bases), and GraphQL blob
 * batches for the contents of both sides, plus one more batch when the files read name others the
 * listing alone cannot tell (`referenced`: a HelmRelease's HelmRepository in an untouched file, a
 * kustomize base, a Flux substituteFrom ConfigMap, an Application's valueFiles, the config files an
 * ApplicationSet's git files generator matches). Never one call per file.
 */
export async function loadPullRequest(octokit: Octokit, pr: PullRequestRef, options: { templateExtensions?: readonly string[] } = {}): Promise<{ changed: ChangedFile[]; head: FetchedSource; base: FetchedSource }> {
  const listed = await listPullFiles(octokit, pr, pr.changedFiles);
  const asChanged = (f: (typeof listed)[number]): ChangedFile => ({ path: f.filename, status: f.status, lines: changedLines(f.patch), hunks: diffHunks(f.patch), ...(f.previous_filename && { previousPath: f.previous_filename }) });
  const candidate = (f: (typeof listed)[number]): boolean => isCandidate(f.filename, options.templateExtensions) || (f.previous_filename !== undefined && isCandidate(f.previous_filename, options.templateExtensions));
  const changed: ChangedFile[] = listed.filter(candidate).map(asChanged);
  // A changed JSON file counts only if an ApplicationSet's git files generator reads it (found below).
  const json = listed.filter((f) => !candidate(f) && f.status !== 'removed' && /\.json$/i.test(f.filename)).map(asChanged);
  const empty = (name: string): FetchedSource => new FetchedSource(name, new Map());
  if (changed.length === 0 && json.length === 0) return { changed, head: empty('head'), base: empty('base') };

  const headPaths = new Set([...changed, ...json].filter((f) => f.status !== 'removed').map((f) => f.path));
  const { data: tree } = await octokit.rest.git.getTree({ owner: pr.owner, repo: pr.repo, tree_sha: pr.headSha, recursive: 'true' });
  const treePaths = tree.tree.filter((e) => e.type === 'blob' && e.path).map((e) => e.path!);
  for (const path of contextFiles(treePaths, changed.filter((f) => f.status !== 'removed').map((f) => f.path), options.templateExtensions)) headPaths.add(path);
  const basePaths = new Map([...changed, ...json].filter((f) => f.status !== 'added').map((f) => [f.previousPath ?? f.path, f.path]));

  const wanted = [...[...headPaths].map((path) => ({ side: 'head', sha: pr.headSha, path, as: path })), ...[...basePaths].map(([path, as]) => ({ side: 'base', sha: pr.baseSha, path, as }))];
  const blobs = await fetchBlobs(octokit, pr, wanted);
  const head = new Map(wanted.filter((w) => w.side === 'head' && blobs.has(w)).map((w) => [w.as, blobs.get(w)!]));
  const textsOf = (keep: (path: string) => boolean): [string, string][] => [...head].flatMap(([path, blob]): [string, string][] => (blob.text === null || !keep(path) ? [] : [[path, blob.text]]));
  const fetchMore = async (paths: string[]): Promise<void> => {
    const more = paths.filter((path) => !head.has(path));
    if (more.length === 0) return;
    const batch = more.map((path) => ({ side: 'head', sha: pr.headSha, path, as: path }));
    const found = await fetchBlobs(octokit, pr, batch);
    for (const w of batch) if (found.has(w)) head.set(w.as, found.get(w)!);
  };
  // One more batch, only when the files read refer to others by name or path (a HelmRepository, a base, a ConfigMap).
  const near = nearChange(changed);
  const configs = generatorFiles(textsOf(() => true), treePaths);
  const refs = referenced(textsOf(near));
  // The overlays read for a changed base (not near the change): their patch files, and nothing else of theirs.
  for (const path of namedPatchFiles(textsOf((path) => !near(path) && KUSTOMIZATION.test(path)))) refs.paths.add(path);
  // The env and other files the kustomizations' generators read, which a HelmRelease's valuesFrom may use (decision 0048).
  const generated = generatorDataFiles(textsOf(() => true), treePaths);
  const needed = new Set([...neededFiles(treePaths, refs, options.templateExtensions), ...configs, ...generated]);
  // A changed file that may be a git files generator's config no fetched ApplicationSet reads (decision 47): search for those that may, in the same batch.
  const own = [...changed, ...json].filter((f) => f.status !== 'removed').map((f) => f.path);
  const maybe = possibleConfigs(own, new Map([...head].map(([p, b]) => [p, b.text]))).filter((path) => !configs.has(path));
  const search = maybe.length ? appSetSearch(treePaths, options.templateExtensions).filter((path) => !headPaths.has(path)) : [];
  await fetchMore([...needed, ...search].filter((path) => !headPaths.has(path)));
  const isSet = (path: string): boolean => /^\s*kind:\s*["']?ApplicationSet\b/m.test(head.get(path)?.text ?? '');
  const found = readers(textsOf((path) => isSet(path)), [...maybe, ...json.map((f) => f.path)]);
  if (maybe.length) {
    // The searched files that read none of them are not analysed; the ApplicationSets that do bring their other config files.
    for (const path of search) if (!found.sets.has(path) && !needed.has(path)) head.delete(path);
    await fetchMore([...generatorFiles(textsOf((path) => found.sets.has(path)), treePaths)]);
  }
  changed.push(...json.filter((f) => found.matched.has(f.path)));
  const dropped = new Set(json.filter((f) => !found.matched.has(f.path)).map((f) => f.path));
  for (const path of dropped) head.delete(path);
  if (changed.length === 0) return { changed, head: empty('head'), base: empty('base') };
  const base = new Map(wanted.filter((w) => w.side === 'base' && blobs.has(w) && !dropped.has(w.as)).map((w) => [w.as, blobs.get(w)!]));
  return { changed, head: new FetchedSource(`${pr.owner}/${pr.repo}@${pr.headSha}`, head, treePaths), base: new FetchedSource(`${pr.owner}/${pr.repo}@${pr.baseSha}`, base) };
}

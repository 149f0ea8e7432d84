import type { ArgoHelmLayer, Located, ValueLeavesLayer } from '../../model/layers.js';
import type { Effective, Occurrence, Part, PartName, Provenance } from '../../model/occurrence.js';
import { formatPath } from '../../model/position.js';
import { effectiveOf } from './apply.js';
import { appContext } from './appset-apps.js';
import { repoOf } from '../../extractors/argocd/other-repository.js';
import { treePath } from './tree.js';
import { ASSUMED, otherSource, otherText, sourceRepo } from './source-repo.js';

const PARTS = ['registry', 'repository', 'image', 'tag', 'digest'] as const;

/** A `ref` source's repoURL when it names another repository than the chart's git source (both written, neither templated): at most one of them is this tree. */
function otherThanSource(refURL: string | undefined, sourceURL: string | undefined): string | undefined {
  if (!refURL || !sourceURL || /\{\{|\$\{/.test(refURL + sourceURL)) return undefined;
  return repoOf(refURL) === repoOf(sourceURL) ? undefined : refURL;
}

/**
 * The tree paths of an Application source's values layers, the chart's values.yaml first; or why
 * one cannot be read. A source known to be another repository has none of its path in this tree
 * (`repository`: the tree's `owner/repo`, when known); `assumed` when that could not be known.
 */
function layerFiles(app: ArgoHelmLayer, leaves: Map<string, ValueLeavesLayer>, repository: string | undefined): { files: string[]; missing?: string; assumed?: boolean } {
  const own = sourceRepo(app.repoURL, repository);
  const dir = app.path && own.kind !== 'other' ? treePath('.', app.path) : undefined;
  const files = dir && leaves.has(treePath(dir, 'values.yaml')!) ? [treePath(dir, 'values.yaml')!] : [];
  let assumed = own.kind === 'assumed';
  for (const entry of app.valueFiles) {
    const ref = /^\$([^/]+)\/(.*)$/.exec(entry.value);
    const what = `valueFiles entry ${entry.value} (${app.file} line ${entry.line})`;
    const from = ref ? sourceRepo(app.refRepoURLs?.[ref[1]!], repository) : own;
    if (from.kind === 'other') return { files, missing: otherText(what, from, repository!) };
    const apart = ref && own.kind === 'assumed' ? otherThanSource(app.refRepoURLs?.[ref[1]!], app.repoURL) : undefined;
    if (apart) return { files, missing: `${what} is in ${apart}, another repository than the source's ${app.repoURL!}, whose path imagepin reads in this tree; imagepin did not read it` };
    assumed ||= from.kind === 'assumed';
    // Argo CD reads an entry starting with `/` from the repository root, and any other from the source's path.
    const path = ref ? (app.refs[ref[1]!] !== undefined ? treePath('.', ref[2]!) : undefined) : dir !== undefined && !entry.value.includes('://') ? treePath(entry.value.startsWith('/') ? '.' : dir, entry.value.replace(/^\/+/, '')) : undefined;
    if (path === undefined) return { files, missing: `${what} is not a path of this tree` };
    if (!leaves.has(path)) return { files, missing: `${what} is ${path}, which is not among the files imagepin read as a values file${assumed ? ` ${ASSUMED}` : ''}` };
    if (!files.includes(path)) files.push(path);
  }
  return { files, ...(assumed && { assumed }) };
}

/** A scalar's value from its source as written (quotes undone), without the file's text. */
function partText(part: Part): string {
  const { source, style } = part.node;
  if (style === 'single') return source.slice(1, -1).replace(/''/g, "'");
  if (style === 'double') {
    try {
      return JSON.parse(source) as string;
    } catch {
      return source.slice(1, -1);
    }
  }
  return source;
}

export interface PreparedApp {
  app: ArgoHelmLayer;
  files: string[];
  missing?: string;
  dir?: string;
  assumed?: boolean;
}

/** Each Application's layer files, worked out once for the whole tree. */
export function prepareApps(apps: ArgoHelmLayer[], leaves: Map<string, ValueLeavesLayer>, repository?: string): PreparedApp[] {
  return apps.map((app) => {
    const dir = app.path && !otherSource(app, repository) ? treePath('.', app.path) : undefined;
    return { app, ...layerFiles(app, leaves, repository), ...(dir && { dir }) };
  });
}

/**
 * The dotted values key of each part an occurrence has or could have: one string is one key;
 * separate fields are one each, and a missing tag or digest would be set beside its repository.
 */
export function keysOf(occ: Occurrence, drop = 0): Map<PartName, string> {
  const keys = new Map<PartName, string>();
  const key = (path: readonly (string | number)[]): string => path.slice(drop).join('.');
  if (occ.shape === 'string') return occ.parts.image ? new Map([['image', key(occ.parts.image.path)]]) : keys;
  for (const name of PARTS) {
    const part = occ.parts[name];
    if (part) keys.set(name, key(part.path));
  }
  const repo = occ.parts.repository?.path.slice(drop);
  if (occ.shape === 'fields' && repo && repo[repo.length - 1] === 'repository') {
    for (const name of ['registry', 'tag', 'digest'] as const) if (!keys.has(name)) keys.set(name, [...repo.slice(0, -1), name].join('.'));
  }
  return keys;
}

export function written(occ: Occurrence, name: PartName): string | undefined {
  const part = occ.parts[name];
  return part ? partText(part) : undefined;
}

/** A reference from the values of its parts: `image`, or `registry/repository`, then `:tag` and `@digest`. */
export function joinParts(values: Map<PartName, string>): string {
  const image = values.get('image') ?? [values.get('registry'), values.get('repository')].filter(Boolean).join('/');
  return `${image}${values.get('tag') ? `:${values.get('tag')}` : ''}${values.get('digest') ? `@${values.get('digest')}` : ''}`;
}

/**
 * Argo CD `helm.valueFiles`: for an occurrence in one of an Application's values files, each part
 * is taken from the last layer that sets it (then `helm.parameters`, which win over every file).
 */
export function valueFilesEffective(occ: Occurrence, apps: PreparedApp[], leaves: Map<string, ValueLeavesLayer>): Effective[] {
  const out: Effective[] = [];
  if (occ.format !== 'helm-values' || (occ.shape !== 'string' && occ.shape !== 'fields')) return out;
  for (const { app, files, missing, dir, assumed } of apps) {
    const at = files.indexOf(occ.file);
    if (at < 0 && !(missing && dir && occ.file.startsWith(`${dir}/`))) continue;
    const context = appContext(app);
    const provenance: Provenance[] = [];
    const values = new Map<PartName, string>();
    for (const [name, key] of keysOf(occ)) {
      let value = written(occ, name);
      let from: { file: string; found: Located; detail: string } | undefined;
      for (const file of files.slice(at + 1)) {
        const found = leaves.get(file)?.leaves[key];
        if (found) from = { file, found, detail: `${file} sets ${key} to ${found.value} (a later valueFiles entry of ${app.file})${assumed ? ` ${ASSUMED}` : ''}` };
      }
      const param = [...app.parameters].reverse().find((p) => p.name === key);
      if (param) from = { file: app.file, found: param, detail: `helm.parameters sets ${key} to ${param.value}, over every values file` };
      if (from) {
        value = from.found.value;
        provenance.push({ kind: 'argo-value-files', file: from.file, line: from.found.line, path: formatPath(from.found.path), detail: from.detail });
      }
      if (value !== undefined) values.set(name, value);
    }
    if (provenance.length === 0 && !missing) continue;
    out.push({ for: context, ...effectiveOf(joinParts(values), provenance, missing && `not every values file of ${app.file} is in the tree: ${missing}`) });
  }
  return out;
}

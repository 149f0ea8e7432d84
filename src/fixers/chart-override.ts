import { parseAllDocuments } from 'yaml';
import { defaultOccurrences, repositoryValues, type ChartDefaultOrigin } from '../charts/defaults.js';
import { formatPath } from '../model/position.js';
import { formatReference } from '../model/reference.js';
import type { Occurrence } from '../model/occurrence.js';
import type { ReleaseOptions } from '../engine/release-options.js';
import type { Resolution } from '../resolver/types.js';
import { overrideEdits } from './override.js';
import type { Fix, Skipped } from './types.js';

/** The values a chart reference sets, read back from a file's text. */
function valuesIn(text: string, origin: ChartDefaultOrigin): unknown {
  const doc = parseAllDocuments(text, { logLevel: 'error' })[origin.ref.document];
  const node = doc && !Array.isArray(doc) ? doc.getIn(origin.ref.valuesPath ?? [], true) : undefined;
  return (node as { toJS?: (doc: unknown, o: object) => unknown } | undefined)?.toJS?.(doc, { maxAliasCount: 100 }) ?? {};
}

/** Why the override has the tag it has: the release chosen, or what the default already is. */
function chosenWhy(from: string, tag: string, releases: ReleaseOptions | undefined, devBuild: boolean): string {
  if (tag === from) return devBuild ? `chart default ${from} is a development build: pinned as it is (frozen, not fixed: move it to a release)` : `chart default ${from} pinned`;
  if (releases?.chosen === 'chart') return `chart default ${from} moved to ${tag}, the chart's own release (its appVersion),`;
  if (releases?.chosen === 'base') return `chart default ${from} moved to ${tag}, the release the base branch had,`;
  if (releases?.chosen === 'newest') return `chart default ${from} moved to ${tag}, the newest stable release on its track (${releases.track}),`;
  return `chart default ${from} is release ${tag}, pinned`;
}

/**
 * The fix for an image a chart brings in by default: an override in the repository's values (the
 * HelmRelease `spec.values`, an Application `valuesObject`, kustomize `valuesInline`) that pins
 * its tag and digest, in the digest field when the chart has one. It is confirmed by merging the
 * edited values over the chart's defaults again, with a HelmRelease's `valuesFrom` layers of the
 * tree under them (what a Secret or a ConfigMap outside the tree holds is not known, and `spec.values`
 * is merged over it); no override is written under a `valuesFrom` targetPath.
 */
export function planChartOverride(occ: Occurrence, resolution: Resolution | undefined, origin: ChartDefaultOrigin | undefined, text: string, releases?: ReleaseOptions, devBuilds: 'pin' | 'skip' = 'pin'): Fix | Skipped | undefined {
  const ref = occ.reference;
  if (!ref || ref.digest) return undefined;
  if (!origin) return { occurrence: occ, reason: 'comes from a chart\'s defaults, which were not read' };
  if (resolution?.status !== 'resolved' || !resolution.digest) return { occurrence: occ, reason: resolution?.error ? `unresolved: ${resolution.error.message}` : 'not resolved' };
  const valuesPath = origin.ref.valuesPath;
  if (!valuesPath || (valuesPath.at(-1) === 'values' && origin.ref.format === 'argocd')) return { occurrence: occ, reason: 'the values are a string (Argo CD helm.values): add the override there by hand' };
  // A rolling default moves to a release (the chart's own appVersion first, see releaseOptions), never to a frozen nightly.
  const choice = releases?.chosen ? releases[releases.chosen] : undefined;
  const devBuild = resolution.versionSource === 'development-build';
  if (devBuild && !choice && devBuilds === 'skip') return { occurrence: occ, reason: `chart default ${ref.tag ?? 'latest'} is a development build and imagepin found no release to move it to; pinning it by digest would only freeze it` };
  const tag = choice?.tag ?? (resolution.versionSource === 'shared-digest' ? resolution.version : ref.tag) ?? 'latest';
  const digest = choice?.digest ?? resolution.digest;
  // A valuesFrom targetPath on the override's keys: Flux's documentation says it wins over spec.values, its code merges spec.values last.
  const at = origin.relPath.join('.');
  const target = origin.ref.valuesFromTargets?.find((t) => t === '*' || t === at || t.startsWith(`${at}.`) || at.startsWith(`${t}.`));
  if (target) {
    const which = target === '*' ? 'a valuesFrom targetPath imagepin does not read as a key' : `valuesFrom targetPath ${target}`;
    return { occurrence: occ, reason: `no override written: ${which} of ${origin.ref.file} may set this image too, and Flux's documentation says a targetPath wins over spec.values (its helm-controller merges spec.values last); pin the value that entry reads instead` };
  }
  const hasDigestField = occ.parts.digest !== undefined || occ.slots?.digest !== undefined;
  const fields: Record<string, string> = hasDigestField ? { tag, digest } : { tag: `${tag}@${digest}` };
  const edits = overrideEdits(text, origin.ref.document, [...valuesPath, ...origin.relPath], fields);
  if (typeof edits === 'string') return { occurrence: occ, reason: `no override written: ${edits}` };
  const intended = formatReference({ ...ref, tag, digest });
  const confirm = (after: string): string | undefined => {
    // The edited values over the release's valuesFrom layers of the tree, as the scan merged them (decision 0048).
    const again = defaultOccurrences(origin.ref, origin.chart, repositoryValues({ ...origin.ref, values: valuesIn(after, origin) })).find((o) => formatPath(o.path) === formatPath(occ.path));
    // Fully overridden now: the repository's own values hold the whole reference.
    return again ? (again.reference?.canonical ?? again.raw) : intended;
  };
  return { kind: 'pin', occurrence: occ, edits, intended, from: ref.canonical, to: intended, why: `${chosenWhy(ref.tag ?? 'latest', tag, releases, devBuild)} by an override at ${formatPath([...valuesPath, ...origin.relPath])}`, confirm };
}

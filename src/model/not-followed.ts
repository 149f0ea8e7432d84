import { formatPath, type Span, type YamlPath } from './position.js';

/**
 * Why something the tree names was not followed (docs/json-not-followed.md, decision 43):
 * `remote-not-followed`, a remote kustomize base, resource or component; `other-repository`, an
 * Argo CD git source whose repoURL names another repository than the one analysed (only said
 * where that repository is known: the App); `disabled-in-values`, a Helm values image under a
 * block whose `enabled` is `false`, which is not checked (decision 59); `not-in-kustomization`, a
 * manifest in a folder whose kustomization (`url`) does not list it, and which no kustomization of
 * the tree names (decision 0060); `deleted-by-patch`, an object that every kustomization building it
 * deletes with a `$patch: delete` patch (decision 0067).
 */
export type NotFollowedCode = 'remote-not-followed' | 'other-repository' | 'disabled-in-values' | 'not-in-kustomization' | 'deleted-by-patch';

/** The codes that name something imagepin did not read at all (a remote include, another repository), as against an image it read but did not check. */
export const isRemote = (n: Pick<NotFollowed, 'code'>): boolean => n.code === 'remote-not-followed' || n.code === 'other-repository';

/**
 * Something a file of the tree includes that imagepin does not read. Not a diagnostic (nothing is
 * wrong with the file, and it never changes a verdict): a neutral notice that the images it
 * deploys are not checked.
 */
export interface NotFollowed {
  file: string;
  code: NotFollowedCode;
  /** The include or repoURL as written (`github.com/org/repo/path?ref=v1`); for `disabled-in-values`, the image as written. */
  url: string;
  /** Where it is written: `resources`, `bases`, `components`, or an Argo CD source's `repoURL`; for `disabled-in-values`, the path of the `enabled: false` key. */
  field: string;
  /** `disabled-in-values` for a chart's default image: the chart and version whose values hold it (`span` is then the chart reference). */
  chart?: string;
  document?: number;
  path: YamlPath;
  /** The entry's scalar, exact to line and column. */
  span: Span;
  /** `other-repository`: the source's `path` in that repository, the repository the URL names (`owner/repo`), and the one analysed. */
  sourcePath?: string;
  repository?: string;
  thisRepository?: string;
  /** `deleted-by-patch`: the object (`Kind name`), and each kustomization patch entry that deletes it (`file line N`). */
  object?: string;
  deletedBy?: string[];
  message: string;
}

/** The notice in words, with `where` the entry's place as the caller shows it (`file:line`, or a link) and `url` as shown. */
export function notFollowedText(n: Pick<NotFollowed, 'code' | 'url' | 'field' | 'sourcePath' | 'thisRepository' | 'chart' | 'object' | 'deletedBy'> & { path?: YamlPath }, where: string, url: string = n.url): string {
  if (n.code === 'disabled-in-values') {
    const what = n.chart ? `${url}, a default image of chart ${n.chart} (values ${formatPath(n.path ?? [])}) for the release at ${where}` : `${url} at ${where}`;
    return `imagepin did not check ${what}: the values set \`${n.field}: false\`, and by the usual chart convention nothing under a disabled block is deployed; if the chart deploys it anyway, it is not checked`;
  }
  if (n.code === 'other-repository') {
    return `imagepin did not read path ${n.sourcePath} of ${url}, the Argo CD source at ${where}, which is not this repository (${n.thisRepository}); the images it deploys are not checked`;
  }
  if (n.code === 'not-in-kustomization') return unlistedText(where, url);
  if (n.code === 'deleted-by-patch') {
    return `imagepin did not check the images of ${n.object} in ${where}: every kustomization of the tree that builds it deletes it with \`$patch: delete\` (${(n.deletedBy ?? [url]).join(', ')}), so kustomize, Flux and Argo CD do not deploy it`;
  }
  const what = n.field === 'components' ? 'component' : n.field === 'bases' ? 'base' : 'resource';
  return `imagepin did not read the remote ${what} ${url}, included by ${where}; the images it deploys are not checked`;
}

/** A manifest no kustomization lists (decision 0060): `where` is the manifest, `kustomization` its folder's kustomization file. */
export function unlistedText(where: string, kustomization: string): string {
  return `imagepin did not check the images in ${where}: no kustomization of the tree lists the file, and kustomize, Flux and Argo CD build its folder from ${kustomization}, which does not`;
}

/**
 * What the effective pass needs to say that a manifest is in no kustomization (decision 0060): every
 * string a kustomization writes (so a file named in any field, followed by imagepin or not, counts
 * as listed), and the Argo CD sources that read a folder without its kustomization.
 */
export interface KustomizationMentions {
  /** Every string the kustomization writes, in any field (paths are among them); each once. */
  mentions?: string[];
  /** Why `mentions` may not be all it writes (too many strings, nesting too deep): nothing is then said unlisted. */
  mentionsUnknown?: string;
}

/**
 * An Argo CD Application or ApplicationSet that has a `directory:` or `plugin:` source: Argo CD then
 * reads the folder's files itself (directory) or runs a plugin, not the folder's kustomization.
 */
export interface ArgoRawSourceLayer {
  kind: 'argo-raw-source';
  file: string;
  /** Each such source's `path` as written. */
  paths: string[];
  /** Why some such source's path is not known (templated, not written, a template patch string). */
  unknown?: string;
}

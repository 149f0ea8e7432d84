import type { YamlPath } from './position.js';

/**
 * An `enabled` key written in Helm values (decision 64): where it is, and whether it is the literal
 * boolean `false` (the only value decision 59 reads as "not deployed"). `value` is its text as
 * written (`true`, `"false"`, `${METRICS}`), for the note that says which layer enables an image.
 */
export interface Switch {
  off: boolean;
  value: string;
  line: number;
  path: YamlPath;
}

/** The `enabled` keys of a values tree by dotted path (`metrics.enabled`), relative to its values root. */
export type Switches = Record<string, Switch>;

/** A values layer that records its `enabled` keys (only when it has some). */
export interface HasSwitches {
  switches?: Switches;
}

/** One entry of a release's values list: a file of the tree (by path), an inline map's `enabled` keys, or what is not known. */
export type ReaderEntry = { file: string; line: number } | { switches: Switches; line: number } | { unknown: string; line: number };

/**
 * A release that lists its values layers where it is written (a helmfile release's `values`, a
 * kustomize `helmCharts` entry's `valuesFile`, `additionalValuesFiles` and `valuesInline`), in the
 * order they are merged: what decides `enabled` for the images of the files it names (decision 64).
 */
export interface ValuesReadersLayer {
  kind: 'values-readers';
  file: string;
  what: string;
  entries: ReaderEntry[];
}

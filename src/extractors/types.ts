import type { ChartMetadata, FileResult } from '../model/file-result.js';
import type { FormatId } from '../model/occurrence.js';
import type { YamlView } from '../yaml/view.js';
import type { Prefilter } from './prefilter.js';
import type { TalosPatchFiles } from './talos/patch-files.js';
import type { OmniConfigPatch } from './talos/omni-config-patches.js';

/** What an extractor sees: one YAML document of one file, and read-only facts about the rest of the tree. */
export interface DocContext {
  file: string;
  document: number;
  view: YamlView;
  apiVersion?: string;
  kind?: string;
  /** The Chart.yaml of the chart a values file belongs to, when it is in the same tree. */
  chart?: ChartMetadata;
  /** For a template file, the name it renders to (`values.yaml.gotmpl` → `values.yaml`): formats known by file name match on it. */
  rendered?: string;
  /** The variables of the talhelper talenv.yaml in the same folder, when the tree has one (talos/talenv.ts). */
  talenv?: Readonly<Record<string, string>>;
  /** The talhelper `@file` patches of the tree, read, when the scan has them (talos/patch-files.ts). */
  talosPatchFiles?: TalosPatchFiles;
  /** The Omni ConfigPatches resources the scan read before the templates (talos/omni-config-patches.ts). */
  omniConfigPatches?: readonly OmniConfigPatch[];
  /** Whether the tree holds a path, when the scan knows its listing (files a helmfile or an Omni template names). */
  held?: (path: string) => boolean;
}

/** Where extractors put what they find: the parts of a file's result that they fill. */
export type Sink = Pick<FileResult, 'occurrences' | 'charts' | 'mirrors' | 'repositories' | 'registryHosts' | 'chartMetadata' | 'diagnostics' | 'notFollowed' | 'disabledImages'>;

/**
 * The contract every format shares: pure, no network, never throws for input it does not
 * understand. `matches` looks at one document; every matching extractor runs on it.
 */
export interface YamlExtractor {
  id: FormatId;
  description: string;
  /**
   * What the raw text must contain for `matches` to be true (src/extractors/prefilter.ts): a file
   * that contains none of it is not offered to this extractor. Required, so a new format declares it.
   */
  prefilter: Prefilter;
  matches(ctx: DocContext): boolean;
  extract(ctx: DocContext, sink: Sink): void;
}

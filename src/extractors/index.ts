import type { ChartMetadata, Diagnostic, FileResult } from '../model/file-result.js';
import { DEFAULT_YAML_LIMITS, parseYaml, type YamlLimits } from '../yaml/parse.js';
import { EXTRACTORS } from './api.js';
import { extractDocuments } from './documents.js';
import type { TalosPatchFiles } from './talos/patch-files.js';
import type { OmniConfigPatch } from './talos/omni-config-patches.js';
import { offeredTo } from './prefilter.js';
import { extractHostsToml, } from './node-mirrors/index.js';
import { isHostsToml } from './node-mirrors/hosts-toml.js';
import { DEFAULT_TEMPLATE_EXTENSIONS, isHelmTemplate, renderedName } from './templates/files.js';
import { readTemplate } from './templates/read.js';
import { templateBlocks } from './templates/neutralise.js';

export interface ExtractOptions {
  limits?: YamlLimits;
  /** The Chart.yaml of the chart a file belongs to, when the tree has one. */
  chartFor?: (file: string) => ChartMetadata | undefined;
  /** The variables of the talhelper talenv.yaml beside a file, when the tree has one. */
  talenvFor?: (file: string) => Readonly<Record<string, string>> | undefined;
  /** The talhelper `@file` patches the tree's talconfig.yaml files name, read (src/extractors/talos/patch-files.ts). */
  talosPatchFiles?: TalosPatchFiles;
  /** The Omni ConfigPatches resources of the tree, read before the cluster templates. */
  omniConfigPatches?: readonly OmniConfigPatch[];
  /** Whether the tree holds a path (the scan's listing), so a file a helmfile or an Omni template names can be said to be missing. */
  held?: (path: string) => boolean;
  /** Extensions of template files that render YAML (`j2`, `gotmpl`, ...); see docs/formats.md. */
  templateExtensions?: readonly string[];
  /** Read the file as a template even though it parses as YAML (its embedded YAML strings do not). */
  asTemplate?: boolean;
  /** Read the file as YAML whatever its name: a `.json` patch file a kustomization names (JSON is YAML). */
  asYaml?: boolean;
  /** Offer every file to every extractor, without the text pre-filter (tests compare the two). */
  prefilter?: boolean;
}

const isEmbeddedInvalid = (d: Diagnostic): boolean => d.code === 'invalid-yaml' && d.message.endsWith('(inside an embedded YAML string)');

const YAML_FILE = /\.ya?ml$/i;

/** True for the files extractors read: YAML, templates that render YAML, and containerd hosts.toml. */
export function isCandidate(file: string, templateExtensions: readonly string[] = DEFAULT_TEMPLATE_EXTENSIONS): boolean {
  return YAML_FILE.test(file) || isHostsToml(file) || renderedName(file, templateExtensions) !== undefined;
}

function emptyResult(file: string): FileResult {
  return { file, formats: [], occurrences: [], charts: [], mirrors: [], repositories: [], diagnostics: [] };
}

/**
 * Extracts every image occurrence, chart reference and mirror config from one file. Pure and total:
 * it never throws; whatever it cannot read is a diagnostic with a reason. Templates (by extension,
 * Helm chart templates, and YAML files that only parse once their `{{ }}` are set aside) are read
 * by `readTemplate`.
 */
export function extractFile(file: string, text: string, options: ExtractOptions = {}): FileResult {
  const result = emptyResult(file);
  if (isHostsToml(file)) {
    const { mirrors, diagnostics } = extractHostsToml(file, text);
    return { ...result, formats: ['node-mirrors'], mirrors, diagnostics };
  }
  const limits = options.limits ?? DEFAULT_YAML_LIMITS;
  const rendered = renderedName(file, options.templateExtensions ?? DEFAULT_TEMPLATE_EXTENSIONS);
  if (rendered !== undefined || (YAML_FILE.test(file) && (options.asTemplate || isHelmTemplate(file)) && templateBlocks(text).length > 0)) {
    readTemplate(file, text, limits, options, result, rendered);
  } else if (YAML_FILE.test(file) || options.asYaml) {
    const parsed = parseYaml(file, text, limits);
    if (parsed.diagnostics.some((d) => d.code === 'invalid-yaml') && templateBlocks(text).length > 0) readTemplate(file, text, limits, options, result);
    else {
      result.diagnostics.push(...parsed.diagnostics);
      // The parse stays: its diagnostics are the same whatever the file mentions (decision 27).
      const offered = options.prefilter === false ? EXTRACTORS : offeredTo(file, text);
      if (offered) extractDocuments(file, text, parsed, options, result, undefined, offered);
      // An embedded YAML string (Argo CD helm.values) that is invalid only through its Go template lines.
      if (result.diagnostics.some(isEmbeddedInvalid) && templateBlocks(text).length > 0) return extractFile(file, text, { ...options, asTemplate: true });
    }
  } else return result;
  const at = (o: FileResult['occurrences'][number]): number => (o.parts.image ?? o.parts.repository)?.span.start.offset ?? 0;
  result.occurrences.sort((a, b) => a.document - b.document || at(a) - at(b));
  return result;
}

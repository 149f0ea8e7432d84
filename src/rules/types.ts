import type { Config, RuleId } from '../config/schema.js';
import type { ChartRef, MirrorConfig, RegistryHost } from '../model/file-result.js';
import type { EffectiveContext, Occurrence, Provenance } from '../model/occurrence.js';
import type { Span } from '../model/position.js';
import type { Resolution } from '../resolver/types.js';
import type { ReleaseOptions } from '../engine/release-options.js';
import type { RetagPolicy } from './retag-policies.js';

export type Severity = 'error' | 'warning' | 'info';

/** Facts every rule may read; all of it computed before the rules run. */
export interface RuleContext {
  config: Config;
  /** Node mirror topology from the whole tree (Talos, containerd), for the mirror rules. */
  mirrors: MirrorConfig[];
  /** Host names the in-cluster registry answers on, found in the tree (Harbor externalURL, Ingress hosts). */
  registryHosts?: RegistryHost[];
  /** True when registries were not asked (CLI --offline). */
  offline: boolean;
  /** Whether a `registry/repository` is one of the registry's own images (globs compiled once per run). */
  isRegistryImage: (name: string) => boolean;
}

/** One occurrence with what the registry said and what the base branch had. */
export interface OccurrenceInput {
  occ: Occurrence;
  resolution?: Resolution;
  /** The same image on the base branch (same file and YAML path, else same repository). */
  base?: Occurrence;
  /** The releases a moving tag could move to (base's, today's, newest on its track); absent offline. */
  releases?: ReleaseOptions;
  /** What the configured mirror serves for this image (its mirrored reference resolved); absent when not asked. */
  mirror?: Resolution;
  /** For an overlay's `images:` entry: the containers it retags and the pull policy each writes (the entry writes none). */
  retagged?: readonly RetagPolicy[];
  ctx: RuleContext;
}

/** What a rule says; the runner adds the rule id, severity, file and position. */
export interface Draft {
  message: string;
  fix: string;
  /** Where to point; defaults to the occurrence's tag, or its reference. */
  span?: Span;
  /** A milder severity for a milder case of the same rule (never above the rule's own). */
  severity?: Severity;
}

/** A rule: pure functions over occurrences, chart references or mirror configs. */
export interface Rule {
  id: RuleId;
  severity: Severity;
  /** One line: what the rule catches (SARIF shortDescription, docs). */
  summary: string;
  occurrence?(input: OccurrenceInput): Draft | Draft[] | undefined;
  chart?(chart: ChartRef, ctx: RuleContext): Draft | undefined;
  mirror?(mirror: MirrorConfig, ctx: RuleContext): Draft[];
}

/** A risk found, ready for every reporter. */
export interface Finding {
  ruleId: RuleId;
  severity: Severity;
  file: string;
  span: Span;
  message: string;
  fix: string;
  /** The reference as normalised (or written), when the finding is about an image. */
  reference?: string;
  /** `version@digest` (or the digest) the registry resolved it to. */
  resolved?: string;
  /** For a finding about an image: every line its occurrence is written on (parts and pull policy). */
  lines?: number[];
  /**
   * Set when the finding is about what runs in one context rather than the reference as written
   * (an overlay's `images:`, a Flux substitution, Argo CD value files): the effective reference,
   * the context and the files that decided it; `unknown` when what runs cannot be told.
   */
  effective?: FindingEffective;
}

export interface FindingEffective {
  reference: string;
  for?: EffectiveContext;
  provenance: Provenance[];
  unknown?: string;
}

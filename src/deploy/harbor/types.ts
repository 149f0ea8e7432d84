/** The few Harbor v2.0 API shapes imagepin reads (definitions of Harbor's published swagger). */

export interface HarborSelector {
  kind: string;
  decoration: string;
  pattern: string;
  extras?: string;
}

/** A RetentionRule, and an ImmutableRule (same fields, action "immutable"). */
export interface HarborRule {
  id?: number;
  priority?: number;
  disabled?: boolean;
  action: string;
  template: string;
  params?: Record<string, unknown>;
  tag_selectors?: HarborSelector[];
  scope_selectors?: Record<string, HarborSelector[]>;
}

export interface HarborRetentionPolicy {
  id: number;
  algorithm: string;
  rules: HarborRule[] | null;
  trigger?: { kind: string; settings?: { cron?: string } };
}

export interface HarborProject {
  project_id: number;
  name: string;
  metadata?: { retention_id?: string };
}

export interface HarborArtifact {
  digest: string;
  push_time: string;
  pull_time?: string;
  tags: { name: string; push_time?: string; immutable?: boolean }[] | null;
}

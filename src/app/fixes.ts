import type { Config } from '../config/schema.js';
import type { Inventory } from '../engine/scan.js';
import { applyByFile } from '../fixers/apply.js';
import { planFixes } from '../fixers/plan.js';
import type { FileChange } from '../fixers/types.js';
import type { Resolver } from '../resolver/resolver.js';
import type { ChangedFile, FetchedSource } from '../sources/github-pr.js';

export type { FileChange };

/**
 * The fixes for the references a PR adds or changes (pins, and mirror moves when mirrors are
 * configured), applied per file and confirmed. References the PR did not touch are left to
 * `/imagepin pin-all`.
 */
export async function planPullRequestFixes(inventory: Inventory, changed: ChangedFile[], head: FetchedSource, config: Config, resolver: Resolver): Promise<FileChange[]> {
  const lines = new Map(changed.map((f) => [f.path, f.lines]));
  const own = { ...inventory, occurrences: inventory.occurrences.filter((o) => {
    const touched = lines.get(o.file);
    const line = (o.parts.image ?? o.parts.tag ?? o.parts.repository)?.span.start.line ?? 0;
    return touched !== undefined && (touched.size === 0 || touched.has(line) || touched.has((o.parts.tag?.span.start.line) ?? -1));
  }) };
  const text = (file: string): string => head.text(file) ?? '';
  const { fixes } = await planFixes(own, { pin: true, mirror: Object.keys(config.mirrors).length > 0, config, resolver, text });
  return applyByFile(fixes, text).changes;
}

/** The follow-up PR's body: a table of what changes and why. */
export function fixTable(changes: FileChange[]): string {
  const rows = changes.flatMap((c) => c.fixes.map((f) => {
    const line = (f.occurrence.parts.image ?? f.occurrence.parts.repository)?.span.start.line ?? 1;
    const digest = /@(sha256:[0-9a-f]{12})/.exec(f.to)?.[1];
    return `| \`${c.path}:${line}\` | \`${f.from}\` | \`${f.to.replace(/@sha256:[0-9a-f]+$/, '')}\` | \`${digest ?? ''}…\` | ${f.why} |`;
  }));
  return ['| Where | From | To | Digest | Why |', '|---|---|---|---|---|', ...rows].join('\n');
}

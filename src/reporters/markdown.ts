import type { Inventory } from '../engine/scan.js';
import { resolvable } from '../engine/resolve.js';
import { short } from '../rules/describe.js';
import { ruleDocUrl } from '../rules/api.js';
import type { Finding, Severity } from '../rules/types.js';
import type { ChartChange } from '../charts/changes.js';
import { problemsSection } from './problems-markdown.js';

/** Finds imagepin's own comment among a PR's comments; never shown. */
export const STICKY_MARKER = '<!-- imagepin:sticky -->';
/** GitHub's limit on a comment body. */
export const GITHUB_COMMENT_LIMIT = 65_536;

export interface MarkdownOptions {
  /** Prefix for file links, e.g. `https://github.com/o/r/blob/<sha>/`; plain `file:line` without it. */
  linkBase?: string;
  maxLength?: number;
  /** Lines shown above the findings (e.g. configuration problems). */
  notices?: string[];
  /** Findings the change did not introduce (on lines it does not touch): listed folded, not counted in the verdict. */
  preExisting?: Finding[];
  /** Default images that change with a chart version bump. */
  chartChanges?: ChartChange[];
}

const HEADINGS: Record<Severity, string> = { error: 'Errors', warning: 'Warnings', info: 'Notes' };
const ORDER: Severity[] = ['error', 'warning', 'info'];

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

function whereCell(file: string, line: number, options: MarkdownOptions): string {
  return options.linkBase ? `[${cell(file)}:${line}](${options.linkBase}${file.split('/').map(encodeURIComponent).join('/')}#L${line})` : `\`${cell(file)}:${line}\``;
}

function findingRow(f: Finding, options: MarkdownOptions): string {
  const image = f.reference ? `\`${cell(f.reference)}\`` : '';
  const resolved = f.resolved ? `\`${cell(f.resolved.replace(/(sha256:[0-9a-f]{12})[0-9a-f]+/, '$1…'))}\`` : '';
  return `| ${whereCell(f.file, f.span.start.line, options)} | ${image} | ${resolved} | [${f.ruleId}](${ruleDocUrl(f.ruleId)}): ${cell(f.message)} | ${cell(f.fix)} |`;
}

function verdict(findings: Finding[], references: number): string {
  const counts = ORDER.map((s) => [s, findings.filter((f) => f.severity === s).length] as const).filter(([, n]) => n > 0);
  if (counts.length === 0) return `### ✅ imagepin: no risks found in ${plural(references, 'image reference')}`;
  const icon = counts.some(([s]) => s === 'error') ? '❌' : counts.some(([s]) => s === 'warning') ? '⚠️' : 'ℹ️';
  return `### ${icon} imagepin: ${counts.map(([s, n]) => plural(n, s === 'info' ? 'note' : s)).join(', ')} in ${plural(references, 'image reference')}`;
}

/** The images charts deploy by default, as their own group: incident 1 came from one of these. */
function chartDefaultsTable(inventory: Inventory, options: MarkdownOptions): string[] {
  const defaults = inventory.occurrences.filter((o) => o.origin === 'chart-default');
  if (defaults.length === 0) return [];
  const rows = defaults.map((occ) => {
    const resolution = resolvable(occ) ? inventory.resolutions?.get(occ.reference.canonical) : undefined;
    const resolved = resolution?.digest ? `${resolution.version ? `${resolution.version}@` : ''}${resolution.digest.slice(0, 19)}…` : '';
    const where = occ.parts.repository ?? occ.parts.image;
    return `| ${where ? whereCell(occ.file, where.span.start.line, options) : ''} | ${cell(occ.owner?.chart ?? '')} | \`${cell(occ.path.join('.'))}\` | \`${cell(occ.reference ? short(occ.reference) : occ.raw)}\` | ${cell(resolved)} |`;
  });
  return ['', `<details open><summary>Images the charts deploy by default (${defaults.length})</summary>`, '', '| Chart reference | Chart | Values path | Image | Resolved |', '|---|---|---|---|---|', ...rows, '', '</details>'];
}

function inventoryTable(inventory: Inventory, options: MarkdownOptions): string[] {
  const rows = inventory.occurrences.map((occ) => {
    const part = occ.parts.image ?? occ.parts.repository;
    const resolution = resolvable(occ) ? inventory.resolutions?.get(occ.reference.canonical) : undefined;
    const resolved = resolution?.digest ? `${resolution.version ? `${resolution.version}@` : ''}${resolution.digest.slice(0, 19)}…` : resolution?.error ? `unresolved: ${resolution.error.kind}` : (occ.skipReason ?? '');
    return `| ${whereCell(occ.file, part?.span.start.line ?? 1, options)} | \`${cell(occ.reference ? short(occ.reference) : occ.raw)}\` | ${cell(resolved)} |`;
  });
  return ['<details><summary>All ' + plural(inventory.occurrences.length, 'image reference') + '</summary>', '', '| Where | Image | Resolved |', '|---|---|---|', ...rows, '', '</details>'];
}

/**
 * The PR comment: a one-line verdict, the findings grouped by severity, and the inventory folded
 * away, with the hidden marker that finds it again. When it would pass GitHub's limit it
 * summarises (inventory first, then notes, warnings, errors) and never cuts a table in half.
 */
export function toMarkdown(inventory: Inventory, findings: Finding[], options: MarkdownOptions = {}): string {
  const max = options.maxLength ?? GITHUB_COMMENT_LIMIT;
  const render = (caps: Record<Severity, number>, withInventory: boolean): string => {
    const lines = [STICKY_MARKER, verdict(findings, inventory.occurrences.length), ...(options.notices?.length ? ['', ...options.notices] : [])];
    for (const severity of ORDER) {
      const group = findings.filter((f) => f.severity === severity);
      if (group.length === 0) continue;
      const shown = group.slice(0, caps[severity]);
      const table = shown.length ? ['| Where | Image | Resolved | Risk | Fix |', '|---|---|---|---|---|', ...shown.map((f) => findingRow(f, options))] : [];
      const rest = group.length - shown.length;
      const more = rest > 0 ? [`…and ${plural(rest, 'more finding')} of this severity (see the check run for all).`] : [];
      const body = [...table, ...(table.length && more.length ? [''] : []), ...more];
      lines.push('', ...(severity === 'info' ? [`<details><summary>${HEADINGS[severity]} (${group.length})</summary>`, '', ...body, '', '</details>'] : [`#### ${HEADINGS[severity]}`, '', ...body]));
    }
    const older = (options.preExisting ?? []).slice(0, caps.info === Infinity ? undefined : 0);
    if (options.preExisting?.length) {
      const rows = older.length ? ['| Where | Image | Resolved | Risk | Fix |', '|---|---|---|---|---|', ...older.map((f) => findingRow(f, options))] : [`${plural(options.preExisting.length, 'finding')}; see the check run.`];
      lines.push('', `<details><summary>Pre-existing risks in the files this PR touches (${options.preExisting.length})</summary>`, '', ...rows, '', '</details>');
    }
    lines.push(...problemsSection(inventory.diagnostics, (file, line) => whereCell(file, line, options)));
    for (const change of options.chartChanges ?? []) {
      lines.push('', `#### Default images of ${cell(change.chart)} ${cell(change.from)} → ${cell(change.to)} (${whereCell(change.file, change.line, options)})`, '', '| Values path | Before | After |', '|---|---|---|',
        ...change.images.map((i) => `| \`${cell(i.path)}\` | ${i.before ? `\`${cell(i.before)}\`` : '–'} | ${i.after ? `\`${cell(i.after)}\`` : '–'} |`));
    }
    if (withInventory) lines.push(...chartDefaultsTable(inventory, options));
    if (withInventory && inventory.occurrences.length > 0) lines.push('', ...inventoryTable(inventory, options));
    else if (inventory.occurrences.length > 0) lines.push('', `_${plural(inventory.occurrences.length, 'image reference')} checked; the full list is in the check run._`);
    return `${lines.join('\n')}\n`;
  };
  const caps: Record<Severity, number> = { error: Infinity, warning: Infinity, info: Infinity };
  let text = render(caps, true);
  if (text.length <= max) return text;
  text = render(caps, false);
  for (const severity of ['info', 'warning', 'error'] as Severity[]) {
    let count = findings.filter((f) => f.severity === severity).length;
    while (text.length > max && count > 0) {
      count = Math.floor(count / 2);
      caps[severity] = count;
      text = render(caps, false);
    }
    if (text.length <= max) return text;
  }
  return text;
}

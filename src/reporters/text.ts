import { styleText } from 'node:util';
import type { Inventory } from '../engine/scan.js';
import { isArtifact, type Occurrence } from '../model/occurrence.js';
import { resolvable } from '../engine/resolve.js';
import type { Resolution } from '../resolver/types.js';
import type { Finding } from '../rules/types.js';
import type { Diagnostic } from '../model/file-result.js';
import { isRemote, type NotFollowed } from '../model/not-followed.js';
import { terminalSafe } from './terminal-safe.js';
import { noRegistryAnswered, noRegistryLine, type NoRegistry } from './unreachable.js';

type Style = Parameters<typeof styleText>[0];

function describe(occ: Occurrence): string {
  const bits: string[] = [occ.shape];
  const w = occ.workload;
  if (w) bits.push(`${w.kind}${w.name ? `/${w.name}` : ''}${w.container ? ` ${w.container}` : ''}`);
  const o = occ.owner;
  if (o) bits.push(`${o.kind}${o.name ? `/${o.name}` : ''}${o.chart ? ` chart ${o.chart}${o.version ? `@${o.version}` : ''}` : ''}`);
  if (occ.pullPolicy) bits.push(`pull ${occ.pullPolicy.value}`);
  return bits.join(', ');
}

/** What the registry said, in a few words: `→ 1.27.3 sha256:3f1c…` or the problem (said once at the end when no registry answered). */
function resolutionText(resolution: Resolution | undefined, paint: (style: Style, text: string) => string, none: NoRegistry | undefined): string {
  if (!resolution) return '';
  if (resolution.status === 'unresolved' && none) return `  ${paint('red', 'unresolved (no registry answered, see below)')}`;
  if (resolution.status === 'unresolved') return `  ${paint('red', `unresolved (${resolution.error?.kind}): ${resolution.error?.message}`)}`;
  const short = resolution.digest ? `${resolution.digest.slice(0, 19)}…` : '';
  const version = resolution.versionSource === 'development-build'
    ? paint('yellow', 'development build (no release shares this digest)')
    : resolution.versionSource === 'undetermined' ? paint('yellow', `release not known (${resolution.versionNote ?? 'no answer'})`)
    : resolution.version && resolution.versionSource === 'shared-digest' ? `release ${resolution.version}` : '';
  const pin = resolution.pinned;
  const platforms = resolution.platforms ? `  ${paint('dim', `[${resolution.platforms.join(', ')}]`)}` : '';
  const pinned = !pin ? '' : !pin.exists ? `  ${paint('red', `pinned digest ${pin.digest.slice(0, 19)}… does not exist`)}` : !pin.tagMatches ? `  ${paint('yellow', 'stale pin: the tag now points to another digest')}` : '';
  return `  ${paint('green', '→')} ${[version, paint('dim', short)].filter(Boolean).join(' ')}${platforms}${pinned}`;
}

const SEVERITY_STYLE: Record<Finding['severity'], Style> = { error: 'red', warning: 'yellow', info: 'cyan' };

/** A person's view of an inventory and its findings: grouped by file, colour when `color` is set. */
export function toText(inventory: Inventory, color: boolean, findings: Finding[] = []): string {
  return [...toTextChunks(inventory, color, findings)].join('');
}

/**
 * The same report as chunks, one per file and one for the totals. Only which occurrences,
 * findings and diagnostics belong to each file is held (their indexes), never the lines of the
 * whole report, so a 50,000-file report is not built as one string first (issue 17).
 */
export function* toTextChunks(inventory: Inventory, color: boolean, findings: Finding[] = []): Generator<string> {
  // The caller decides about colour (TTY, NO_COLOR, --color), so styleText must not check the stream itself.
  // Everything painted may come from a repository; it is made terminal-safe before imagepin adds its own colours.
  const paint = (style: Style, raw: string): string => {
    const text = terminalSafe(raw);
    return color ? styleText(style, text, { validateStream: false }) : text;
  };
  const none = noRegistryAnswered(inventory.resolutions);
  // Per file, in the order they are shown: occurrences (kind 0), findings (1), diagnostics (2), not-followed notices (3), as kind + 4 × index.
  const byFile = new Map<string, number[]>();
  const add = (file: string, item: number): void => {
    const items = byFile.get(file);
    if (items) items.push(item);
    else byFile.set(file, [item]);
  };
  const notFollowed = inventory.notFollowed ?? [];
  inventory.occurrences.forEach((occ, i) => add(occ.file, 4 * i));
  findings.forEach((f, i) => add(f.file, 4 * i + 1));
  inventory.diagnostics.forEach((d, i) => add(d.file, 4 * i + 2));
  notFollowed.forEach((n, i) => add(n.file, 4 * i + 3));
  const occurrenceLines = (occ: Occurrence): string[] => {
    const part = occ.parts.image ?? occ.parts.repository;
    const where = part ? `${part.span.start.line}:${part.span.start.col}` : '-';
    const name = occ.reference?.canonical ?? occ.raw;
    const skip = occ.skipReason ? `  ${paint('yellow', `${occ.skipReason}: ${occ.skipDetail ?? ''}`)}` : '';
    const numeric = occ.numericTag ? `  ${paint('yellow', `unquoted tag ${occ.numericTag.source} reads as the number ${occ.numericTag.asNumber}`)}` : '';
    const resolution = resolvable(occ) ? resolutionText(inventory.resolutions?.get(occ.reference.canonical), paint, none) : '';
    const lines = [`  ${paint('dim', where.padEnd(8))}${paint('bold', name)}  ${paint('dim', `(${describe(occ)})`)}${skip}${numeric}${resolution}`];
    for (const e of occ.effective ?? []) {
      const context = e.for ? ` in ${e.for.file}${e.for.element !== undefined ? ` element ${e.for.element}` : ''}` : '';
      const from = e.provenance.map((p) => `${p.file}${p.line ? `:${p.line}` : ''}`).join(', ');
      lines.push(`  ${' '.repeat(8)}${paint('dim', terminalSafe(e.unknown ? `runs as unknown${context}: ${e.unknown}` : `runs as ${e.reference?.canonical ?? e.raw}${context} (${from})`))}`);
    }
    return lines;
  };
  const findingLine = (f: Finding): string => {
    const where = `${f.span.start.line}:${f.span.start.col}`;
    // With no registry answering, each finding still stands, but the shared reason and its fix are said once, at the end.
    const collapsed = none !== undefined && f.ruleId === 'unresolved-reference';
    const message = none ? none.reasons.reduce((text, reason) => text.replaceAll(reason, 'no registry answered'), f.message) : f.message;
    return `  ${paint('dim', where.padEnd(8))}${paint(SEVERITY_STYLE[f.severity], f.severity.padEnd(8))}${paint('bold', f.ruleId)}  ${terminalSafe(message)}${collapsed ? '' : `\n  ${' '.repeat(16)}${paint('dim', `fix: ${f.fix}`)}`}`;
  };
  const diagnosticLine = (d: Diagnostic): string => `  ${paint('dim', `${d.line ?? '-'}`.padEnd(8))}${paint('red', `${d.code}: ${d.message}`)}`;
  // Neutral: nothing is wrong with the file, but what it includes was not read (decision 43).
  const notFollowedLine = (n: NotFollowed): string => `  ${paint('dim', `${n.span.start.line}:${n.span.start.col}`.padEnd(8))}${paint('cyan', 'note'.padEnd(8))}${paint('bold', n.code)}  ${terminalSafe(n.message)}`;
  for (const file of [...byFile.keys()].sort()) {
    const lines = [paint('underline', file)];
    for (const item of byFile.get(file)!) {
      const i = Math.floor(item / 4);
      if (item % 4 === 0) lines.push(...occurrenceLines(inventory.occurrences[i]!));
      else if (item % 4 === 1) lines.push(findingLine(findings[i]!));
      else if (item % 4 === 2) lines.push(diagnosticLine(inventory.diagnostics[i]!));
      else lines.push(notFollowedLine(notFollowed[i]!));
    }
    yield `${lines.join('\n')}\n\n`;
  }
  const lines: string[] = [];
  const s = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  const unresolved = inventory.resolutions ? [...inventory.resolutions.values()].filter((r) => r.status === 'unresolved').length : 0;
  const resolved = inventory.resolutions ? `, ${unresolved} of ${inventory.resolutions.size} unique references unresolved` : ' (offline: not resolved)';
  for (const [registry, remaining] of Object.entries(inventory.rateLimitRemaining ?? {})) lines.push(paint(remaining < 20 ? 'yellow' : 'dim', `${registry}: ${remaining} pulls left before its rate limit`));
  const count = (severity: Finding['severity']): number => findings.filter((f) => f.severity === severity).length;
  if (findings.length > 0) lines.push(`${s(count('error'), 'error')}, ${s(count('warning'), 'warning')}, ${s(count('info'), 'note')}`);
  const artifacts = inventory.occurrences.filter(isArtifact).length;
  // Remote sources not read, values images under `enabled: false` (decision 59) manifests no kustomization lists (decision 0060) and objects every kustomization deletes (0067) are counted apart.
  const remote = notFollowed.filter(isRemote).length;
  const disabled = notFollowed.filter((n) => n.code === 'disabled-in-values').length;
  const unlisted = notFollowed.filter((n) => n.code === 'not-in-kustomization').length;
  const deleted = notFollowed.filter((n) => n.code === 'deleted-by-patch').length;
  if (none) lines.push(paint('yellow', noRegistryLine(none)));
  lines.push(`${s(inventory.occurrences.length - artifacts, 'image reference')}${artifacts ? ` and ${s(artifacts, 'OCI artifact')}` : ''} in ${s(inventory.files.length, 'file')}, ${s(inventory.diagnostics.length, 'file problem')}${remote ? `, ${s(remote, 'remote source')} not read` : ''}${disabled ? `, ${s(disabled, 'image')} under \`enabled: false\` not checked` : ''}${unlisted ? `, ${s(unlisted, 'file')} in no kustomization not checked` : ''}${deleted ? `, ${s(deleted, 'object')} every kustomization deletes not checked` : ''}${resolved}`);
  yield `${lines.join('\n')}\n`;
}

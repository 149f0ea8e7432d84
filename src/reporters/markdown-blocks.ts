import type { Inventory } from '../engine/scan.js';
import { resolvable } from '../engine/resolve.js';
import type { Resolution } from '../resolver/types.js';
import { short } from '../rules/describe.js';
import type { Finding, Severity } from '../rules/types.js';
import type { Effective } from '../model/occurrence.js';
import { ruleDocLink } from './doc-links.js';
import { byFile, effectiveLines, effectiveOf } from './effective-lines.js';
import { noteLines, notesOf, type NoteAt } from './occurrence-notes.js';
import { ICONS, plural, riskTitle } from './risk-titles.js';

/** How a comment links and what counts as blocking; built once per comment. */
export interface BlockContext {
  linkBase?: string;
  docs?: string;
  blocking: Set<Finding>;
}

/** One image (a reference, with the lines it is on) and its risks; findings with no image group by file. */
export interface ImageBlock {
  title: string;
  worst: Severity;
  findings: Finding[];
  resolution?: Resolution;
  /** What runs where another file rewrites or completes the reference written on these lines. */
  effective: Effective[];
  /** The notes of the occurrences behind its findings (a Tekton param a run may pass, the places an alias feeds). */
  notes: NoteAt[];
  /** Nothing in it blocks the merge, and each risk is routine (a note, or a release tag without its digest). */
  routine: boolean;
}

const RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };
const ROUTINE_RULES = new Set(['unpinned-digest']);

/** Escapes what would end a code span or start a tag: backticks and angle brackets never occur in references. */
export const code = (text: string): string => `\`${text.replace(/`/g, "'").replace(/\r?\n/g, ' ')}\``;

/** Text from a note, where names may come from the repository: its code spans kept, Markdown and HTML in the rest escaped. */
export const prose = (text: string): string => text.replace(/\r?\n/g, ' ').split('`').map((seg, i) => (i % 2 ? code(seg) : seg.replace(/[\\*_[\]<>|~#&!]/g, '\\$&'))).join('');

/** `file:line`, linked to the file at the PR's head when a link base is known. */
export function where(file: string, line: number, ctx: Pick<BlockContext, 'linkBase'>): string {
  const label = `${file}:${line}`.replace(/[[\]]/g, '\\$&');
  return ctx.linkBase ? `[${label}](${ctx.linkBase}${file.split('/').map(encodeURIComponent).join('/')}#L${line})` : code(`${file}:${line}`);
}

/** Groups findings per image, worst first; each block keeps its findings in report order. */
export function imageBlocks(inventory: Inventory, findings: Finding[], blocking: Set<Finding>): ImageBlock[] {
  const names = new Map<string, string>();
  for (const occ of inventory.occurrences) if (occ.reference && !names.has(occ.reference.canonical)) names.set(occ.reference.canonical, short(occ.reference));
  const index = byFile(inventory.occurrences);
  // Gathered once: a block shows what the registry said only for a reference some occurrence resolves.
  const resolvableRefs = new Set(inventory.occurrences.filter(resolvable).map((o) => o.reference.canonical));
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    const key = f.reference ? `ref:${f.reference}` : `file:${f.file}`;
    const group = groups.get(key);
    if (group) group.push(f);
    else groups.set(key, [f]);
  }
  const blocks = [...groups].map(([key, group]): ImageBlock => {
    const reference = key.startsWith('ref:') ? key.slice(4) : undefined;
    const ordered = [...group].sort((a, b) => RANK[b.severity] - RANK[a.severity]);
    return {
      title: reference ? (names.get(reference) ?? reference) : group[0]!.file,
      worst: ordered[0]!.severity,
      findings: ordered,
      resolution: reference !== undefined && resolvableRefs.has(reference) ? inventory.resolutions?.get(reference) : undefined,
      effective: effectiveOf(group, index),
      notes: notesOf(group, index),
      routine: group.every((f) => !blocking.has(f) && (f.severity === 'info' || ROUTINE_RULES.has(f.ruleId))),
    };
  });
  return blocks.sort((a, b) => Number(b.findings.some((f) => blocking.has(f))) - Number(a.findings.some((f) => blocking.has(f))) || RANK[b.worst] - RANK[a.worst]);
}

/** What the registry said, as one line with the full digest to copy. */
export function registryLine(resolution: Resolution | undefined): string | undefined {
  if (!resolution) return undefined;
  if (resolution.status === 'unresolved') return `Registry: not resolved (${resolution.error?.message ?? 'no answer'}).`;
  const digest = resolution.digest ? `digest ${code(resolution.digest)}` : 'no digest';
  switch (resolution.versionSource) {
    case 'tag': return `Registry: release ${code(resolution.version ?? '')}, ${digest}.`;
    case 'shared-digest': return `Registry: today release ${code(resolution.version ?? '')}, ${digest}.`;
    case 'development-build': return `Registry: a development build (no release shares its digest), ${digest}.`;
    case 'undetermined': return `Registry: ${digest}; imagepin could not tell which release it is (${resolution.versionNote ?? 'no answer'}).`;
    default: return `Registry: ${digest}.`;
  }
}

function locations(findings: Finding[], ctx: BlockContext, max = 8): string {
  const seen = [...new Map(findings.map((f) => [`${f.file}:${f.span.start.line}`, f])).values()];
  const shown = seen.slice(0, max).map((f) => where(f.file, f.span.start.line, ctx));
  return seen.length > max ? `${shown.join(' · ')} · and ${seen.length - max} more` : shown.join(' · ');
}

function riskName(f: Finding, ctx: BlockContext): string {
  const link = ruleDocLink(ctx.docs, f.ruleId);
  return link ? `**[${riskTitle(f.ruleId)}](${link})**` : `**${riskTitle(f.ruleId)}** (${f.ruleId})`;
}

/** What runs in each context that differs from what is written; the risks stay about the written reference. */
function runsLines(block: ImageBlock, ctx: BlockContext, max: number): string[] {
  if (block.effective.length === 0) return [];
  const place = (file: string, line?: number): string => (line ? where(file, line, ctx) : code(file));
  return [...effectiveLines(block.effective, place, code, max), 'A risk about what runs in one of these says so; the others are about the reference as written.'];
}

/** The block's notes, each naming its lines when the block is on more than one. */
function notesLines(block: ImageBlock, ctx: BlockContext, max: number): string[] {
  const named = new Set(block.findings.map((f) => `${f.file}:${f.span.start.line}`)).size > 1;
  return noteLines(block.notes, { place: (file, line) => where(file, line ?? 1, ctx), literal: code, prose, max, named });
}

/** A block: the image as a heading, its lines, what the registry said, what runs elsewhere, its notes, then one short item per risk. */
export function renderBlock(block: ImageBlock, ctx: BlockContext): string[] {
  const facts = [locations(block.findings, ctx), registryLine(block.resolution), ...runsLines(block, ctx, 6), ...notesLines(block, ctx, 4)].filter(Boolean);
  const lines = ['', `#### ${ICONS[block.worst]} ${code(block.title)}`, '', facts.join('  \n'), ''];
  for (const f of block.findings) lines.push(`- ${ICONS[f.severity]} ${riskName(f, ctx)}: ${f.message}  \n  **Fix:** ${f.fix}`);
  return lines;
}

/** A routine or pre-existing block in one list item: the image, where, each risk and its fix. */
export function renderCompact(block: ImageBlock, ctx: BlockContext): string {
  const risks = block.findings.map((f) => `${ICONS[f.severity]} ${riskTitle(f.ruleId)}. **Fix:** ${f.fix}`);
  return `- ${code(block.title)} at ${locations(block.findings, ctx, 3)}  \n  ${[...runsLines(block, ctx, 3), ...notesLines(block, ctx, 2), ...risks].join('  \n  ')}`;
}

/** `3 images (5 findings)`. */
export function blockCount(blocks: ImageBlock[]): string {
  return `${plural(blocks.length, 'image')}, ${plural(blocks.reduce((n, b) => n + b.findings.length, 0), 'finding')}`;
}

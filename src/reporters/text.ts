import { styleText } from 'node:util';
import type { Inventory } from '../engine/scan.js';
import type { Occurrence } from '../model/occurrence.js';

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

/** A person's view of an inventory: grouped by file, one line per image, colour when `color` is set. */
export function toText(inventory: Inventory, color: boolean): string {
  // The caller decides about colour (TTY, NO_COLOR, --color), so styleText must not check the stream itself.
  const paint = (style: Style, text: string): string => (color ? styleText(style, text, { validateStream: false }) : text);
  const byFile = new Map<string, string[]>();
  const add = (file: string, line: string): void => {
    byFile.set(file, [...(byFile.get(file) ?? []), line]);
  };
  for (const occ of inventory.occurrences) {
    const part = occ.parts.image ?? occ.parts.repository;
    const where = part ? `${part.span.start.line}:${part.span.start.col}` : '-';
    const name = occ.reference?.canonical ?? occ.raw;
    const skip = occ.skipReason ? `  ${paint('yellow', `${occ.skipReason}: ${occ.skipDetail ?? ''}`)}` : '';
    const numeric = occ.numericTag ? `  ${paint('yellow', `unquoted tag ${occ.numericTag.source} reads as the number ${occ.numericTag.asNumber}`)}` : '';
    add(occ.file, `  ${paint('dim', where.padEnd(8))}${paint('bold', name)}  ${paint('dim', `(${describe(occ)})`)}${skip}${numeric}`);
  }
  for (const d of inventory.diagnostics) {
    add(d.file, `  ${paint('dim', `${d.line ?? '-'}`.padEnd(8))}${paint('red', `${d.code}: ${d.message}`)}`);
  }
  const lines: string[] = [];
  for (const file of [...byFile.keys()].sort()) lines.push(paint('underline', file), ...byFile.get(file)!, '');
  const s = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  lines.push(`${s(inventory.occurrences.length, 'image reference')} in ${s(inventory.files.length, 'file')}, ${s(inventory.diagnostics.length, 'file problem')}`);
  return `${lines.join('\n')}\n`;
}

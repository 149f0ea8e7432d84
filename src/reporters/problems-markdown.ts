import type { Diagnostic } from '../model/file-result.js';

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

/**
 * The files (or units) imagepin could not read or check, for the PR comment and the check run's
 * summary: a finding hidden in them would otherwise go unseen, so they are always listed, open.
 */
export function problemsSection(diagnostics: Diagnostic[], where: (file: string, line: number) => string): string[] {
  if (diagnostics.length === 0) return [];
  const bugs = diagnostics.filter((d) => d.code === 'internal-error').length;
  const rows = diagnostics.map((d) => `| ${d.file === '.' ? 'the whole tree' : where(d.file, d.line ?? 1)} | \`${d.code}\` | ${cell(d.message)} |`);
  const title = `Not fully checked (${diagnostics.length}${bugs ? `, ${bugs} of them imagepin bugs` : ''})`;
  return ['', `<details open><summary>${title}</summary>`, '', '| Where | Problem | Details |', '|---|---|---|', ...rows, '', '</details>'];
}

import type { Log } from 'sarif';
import type { Finding } from '../rules/types.js';
import type { NotFollowed } from '../model/not-followed.js';
import { sarifResult, toSarif } from './sarif.js';

/** Where the results array sits in `JSON.stringify(log, null, 2)`: root → runs[0] → results[i]. */
const RESULT_INDENT = ' '.repeat(8);
const PLACEHOLDER = '"imagepin:results"';

/**
 * The SARIF log as chunks of exactly the text `JSON.stringify(toSarif(...), null, 2)` gives, with a
 * newline at the end: the results are turned into text one at a time, so a scan with 100,000
 * findings is never one huge log object and one huge string at once (issue 17).
 */
export function* toSarifChunks(findings: Finding[], version: string, docs?: string, home?: string, notFollowed: readonly NotFollowed[] = []): Generator<string> {
  const log: Log = toSarif([], version, docs, home, notFollowed);
  const run = log.runs[0]!;
  if (findings.length === 0) {
    yield `${JSON.stringify(log, null, 2)}\n`;
    return;
  }
  // A string placeholder stands for the array; JSON never holds a raw newline inside a string, so re-indenting by line is exact.
  (run as { results: unknown }).results = 'imagepin:results';
  const text = JSON.stringify(log, null, 2);
  const at = text.indexOf(PLACEHOLDER);
  yield `${text.slice(0, at)}[\n`;
  const index = ruleIndex(run);
  for (let i = 0; i < findings.length; i++) {
    const json = JSON.stringify(sarifResult(findings[i]!, index), null, 2).replaceAll('\n', `\n${RESULT_INDENT}`);
    yield `${RESULT_INDENT}${json}${i + 1 < findings.length ? ',' : ''}\n`;
  }
  yield `${RESULT_INDENT.slice(2)}]${text.slice(at + PLACEHOLDER.length)}\n`;
}

function ruleIndex(run: Log['runs'][number]): Map<string, number> {
  return new Map((run.tool.driver.rules ?? []).map((r, i) => [r.id, i]));
}

import type { Diagnostic } from '../model/file-result.js';
import type { NotFollowed } from '../model/not-followed.js';
import type { Occurrence } from '../model/occurrence.js';
import type { Finding, Severity } from '../rules/types.js';
import { byFile, effectiveLines, effectiveOf } from './effective-lines.js';
import { noteLines, notesOf } from './occurrence-notes.js';
import { riskTitle } from './risk-titles.js';

/** A check-run annotation, shaped as GitHub's API takes it. */
export interface Annotation {
  path: string;
  start_line: number;
  end_line: number;
  start_column?: number;
  end_column?: number;
  annotation_level: 'failure' | 'warning' | 'notice';
  title: string;
  message: string;
}

const LEVEL: Record<Severity, Annotation['annotation_level']> = { error: 'failure', warning: 'warning', info: 'notice' };

/**
 * One annotation per finding: the title is the risk in words with the rule id, the message the
 * cause, what runs where another file rewrites the line's reference (`occurrences` carry it), the
 * notes of the line's occurrences, and the fix. Columns only on one line, as GitHub requires.
 */
export function toAnnotations(findings: Finding[], occurrences: Occurrence[] = []): Annotation[] {
  const place = (file: string, line?: number): string => (line ? `${file}:${line}` : file);
  const index = byFile(occurrences);
  const plain = (text: string): string => text;
  return findings.map((f) => {
    const runs = effectiveLines(effectiveOf([f], index), place, plain, 5);
    const notes = noteLines(notesOf([f], index), { place, literal: plain, prose: plain, max: 5, named: false });
    const facts = `${runs.length ? `\n${runs.join('\n')}\nA finding about what runs in one of these says so; the others are about the reference as written.` : ''}${notes.map((n) => `\n${n}`).join('')}`;
    const annotation: Annotation = {
      path: f.file,
      start_line: f.span.start.line,
      end_line: f.span.end.line,
      annotation_level: LEVEL[f.severity],
      title: `${riskTitle(f.ruleId)} (${f.ruleId})`,
      message: `${f.message}${facts}\nFix: ${f.fix}`,
    };
    if (f.span.start.line === f.span.end.line) {
      annotation.start_column = f.span.start.col;
      annotation.end_column = f.span.end.col;
    }
    return annotation;
  });
}

/** One warning annotation per file or chart imagepin could not check: its images went unchecked. */
export function diagnosticAnnotations(diagnostics: Diagnostic[]): Annotation[] {
  return diagnostics.map((d) => ({
    path: d.file,
    start_line: d.line ?? 1,
    end_line: d.line ?? 1,
    annotation_level: 'warning',
    title: `Not checked (${d.code})`,
    message: `${d.message}\nThe images here were not checked; fix the cause above and push again.`,
  }));
}

/** One notice annotation per remote include or other-repository source imagepin did not read, or values image under `enabled: false` it did not check: neutral, on the entry itself (decisions 43, 59). */
export function notFollowedAnnotations(notFollowed: NotFollowed[]): Annotation[] {
  return notFollowed.map((n) => ({
    path: n.file,
    start_line: n.span.start.line,
    end_line: n.span.end.line,
    ...(n.span.start.line === n.span.end.line && { start_column: n.span.start.col, end_column: n.span.end.col }),
    annotation_level: 'notice',
    title: `${n.code === 'disabled-in-values' || n.code === 'not-in-kustomization' || n.code === 'deleted-by-patch' ? 'Not checked' : 'Not read'} (${n.code})`,
    message: `${n.message}.`,
  }));
}

/** Splits a list into batches: the checks API takes at most 50 annotations per call. */
export function batches<T>(items: T[], size = 50): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

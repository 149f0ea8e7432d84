import type { Finding, Severity } from '../rules/types.js';

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

/** One annotation per finding: title is the rule id, message the cause and the fix. Columns only on one line, as GitHub requires. */
export function toAnnotations(findings: Finding[]): Annotation[] {
  return findings.map((f) => {
    const annotation: Annotation = {
      path: f.file,
      start_line: f.span.start.line,
      end_line: f.span.end.line,
      annotation_level: LEVEL[f.severity],
      title: f.ruleId,
      message: `${f.message}\nFix: ${f.fix}`,
    };
    if (f.span.start.line === f.span.end.line) {
      annotation.start_column = f.span.start.col;
      annotation.end_column = f.span.end.col;
    }
    return annotation;
  });
}

/** Splits a list into batches: the checks API takes at most 50 annotations per call. */
export function batches<T>(items: T[], size = 50): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

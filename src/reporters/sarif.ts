import { createHash } from 'node:crypto';
import type { Log, ReportingDescriptor, Result } from 'sarif';
import { RULES, ruleDocUrl } from '../rules/api.js';
import type { Finding, Severity } from '../rules/types.js';

const LEVEL: Record<Severity, Result.level> = { error: 'error', warning: 'warning', info: 'note' };

/** SARIF 2.1.0 for GitHub code scanning: rule metadata with help links, one result per finding. */
export function toSarif(findings: Finding[], version: string): Log {
  const rules: ReportingDescriptor[] = RULES.map((rule) => ({
    id: rule.id,
    shortDescription: { text: rule.summary },
    helpUri: ruleDocUrl(rule.id),
    help: { text: `See ${ruleDocUrl(rule.id)}` },
    defaultConfiguration: { level: LEVEL[rule.severity] },
  }));
  const index = new Map(RULES.map((r, i) => [r.id, i]));
  const results: Result[] = findings.map((f) => ({
    ruleId: f.ruleId,
    ruleIndex: index.get(f.ruleId),
    level: LEVEL[f.severity],
    message: { text: `${f.message} Fix: ${f.fix}` },
    locations: [{
      physicalLocation: {
        artifactLocation: { uri: f.file, uriBaseId: '%SRCROOT%' },
        region: { startLine: f.span.start.line, startColumn: f.span.start.col, endLine: f.span.end.line, endColumn: f.span.end.col },
      },
    }],
    // Stable across unrelated edits: the rule, the file and the image, not the line.
    partialFingerprints: { 'imagepinFinding/v1': createHash('sha256').update(`${f.ruleId}|${f.file}|${f.reference ?? f.message}`).digest('hex').slice(0, 32) },
  }));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{ tool: { driver: { name: 'imagepin', version, informationUri: 'https://github.com/imagepin/imagepin', rules } }, results }],
  };
}

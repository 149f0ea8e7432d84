import type { Log, ReportingDescriptor, Result } from 'sarif';
import { readFileSync } from 'node:fs';
import { RULES } from '../rules/api.js';
import { packageFileUrl } from '../package-root.js';

// node:crypto is loaded when a SARIF report is written, not when the CLI starts (decision 36).
const sha256 = (text: string): string => process.getBuiltinModule('node:crypto').createHash('sha256').update(text).digest('hex');
import { docsBase, projectHome, ruleDocLink } from './doc-links.js';
import type { Finding, Severity } from '../rules/types.js';
import type { NotFollowed } from '../model/not-followed.js';
import { sarifNotices } from './sarif-notices.js';

const LEVEL: Record<Severity, Result.level> = { error: 'error', warning: 'warning', info: 'note' };

/** A rule's own doc page (shipped in the package's docs/), for SARIF's help; its summary when the page is missing. */
function ruleHelp(id: string, summary: string): { text: string; markdown?: string } {
  try {
    const markdown = readFileSync(packageFileUrl(`docs/rules/${id}.md`, import.meta.url) ?? new URL(`../../docs/rules/${id}.md`, import.meta.url), 'utf8');
    return { text: markdown.replace(/[`*]/g, '').replace(/^#+ /gm, ''), markdown };
  } catch {
    return { text: summary };
  }
}

/** One finding as a SARIF result; `index` gives each rule id's place in the driver's rules. */
export function sarifResult(f: Finding, index: Map<string, number>): Result {
  return {
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
    partialFingerprints: { 'imagepinFinding/v1': sha256(`${f.ruleId}|${f.file}|${f.reference ?? f.message}`).slice(0, 32) },
  };
}

/**
 * SARIF 2.1.0 for GitHub code scanning: rule metadata with the rule's doc page as help (and its
 * link when the docs' address is known, see doc-links.ts), one result per finding; what was not
 * read (`notFollowed`) as notifications of level note, never as results (sarif-notices.ts).
 */
export function toSarif(findings: Finding[], version: string, docs: string | undefined = docsBase(), home: string | undefined = projectHome(), notFollowed: readonly NotFollowed[] = []): Log {
  const rules: ReportingDescriptor[] = RULES.map((rule) => {
    const uri = ruleDocLink(docs, rule.id);
    return {
      id: rule.id,
      shortDescription: { text: rule.summary },
      ...(uri && { helpUri: uri }),
      help: ruleHelp(rule.id, rule.summary),
      defaultConfiguration: { level: LEVEL[rule.severity] },
    };
  });
  const index = new Map(RULES.map((r, i) => [r.id, i]));
  const results = findings.map((f) => sarifResult(f, index));
  const { descriptors, invocations } = sarifNotices(notFollowed);
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{ tool: { driver: { name: 'imagepin', version, ...(home && { informationUri: home }), rules, ...(descriptors && { notifications: descriptors }) } }, ...(invocations && { invocations }), results }],
  };
}

import type { ProtectionReport } from '../protect/types.js';
import type { MissingImage, RetentionRisk, Signal, TrackedMerge } from '../types.js';
import { renderProtection } from './render-protection.js';

export const ISSUE_MARKER = '<!-- imagepin:deployments -->';
const STATE = /<!-- imagepin:state (\{.*?\}) -->/s;

/** The machine-readable part of the tracking issue: what the app needs again on its next sweep. */
export interface TrackingState {
  v: 1;
  /** Undeployed merges past the grace period, with their paths and image changes. */
  merges: TrackedMerge[];
  /** Pull requests already told that their merge is not deployed. */
  commented: number[];
}

export interface Report {
  now: number;
  merges: TrackedMerge[];
  missing: MissingImage[];
  risks: RetentionRisk[];
  notes: string[];
  deployed: Signal[];
  /** Which Flux/Argo units are still waiting, by merge SHA. */
  waiting: Map<string, string[]>;
  /** Retention protection, when the operator turned it on or to a dry run. */
  protection?: ProtectionReport;
}

/** A person edits the issue as they like; a state block that does not parse is started afresh. */
export function parseState(body: string | null | undefined): TrackingState {
  const match = STATE.exec(body ?? '');
  try {
    const data = match ? (JSON.parse(match[1]!) as Partial<TrackingState>) : {};
    if (data.v === 1 && Array.isArray(data.merges) && Array.isArray(data.commented)) return data as TrackingState;
  } catch {
    // fall through: a fresh state
  }
  return { v: 1, merges: [], commented: [] };
}

/** `3 h 10 min`, `2 d 4 h`. */
export function age(ms: number): string {
  const min = Math.max(0, Math.floor(ms / 60_000));
  if (min < 60) return `${min} min`;
  if (min < 24 * 60) return `${Math.floor(min / 60)} h${min % 60 ? ` ${min % 60} min` : ''}`;
  return `${Math.floor(min / 1440)} d${Math.floor((min % 1440) / 60) ? ` ${Math.floor((min % 1440) / 60)} h` : ''}`;
}

const short = (sha: string): string => sha.slice(0, 7);
const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function changes(merge: TrackedMerge): string {
  if (merge.images.length === 0) return `manifests only (${merge.paths.slice(0, 3).map((p) => `\`${p}\``).join(', ')}${merge.paths.length > 3 ? ', …' : ''})`;
  const lines = merge.images.slice(0, 5).map((c) => (c.before && c.after ? `\`${c.before}\` → \`${c.after}\`` : c.after ? `+ \`${c.after}\`` : `− \`${c.before}\``));
  return cell(lines.join('<br>') + (merge.images.length > 5 ? `<br>and ${merge.images.length - 5} more` : ''));
}

export function renderIssue(report: Report, state: TrackingState): string {
  const out = [ISSUE_MARKER];
  if (report.missing.length) {
    out.push('## Images gone from their registry', '');
    for (const m of report.missing) {
      out.push(`> [!CAUTION]\n> **Next pod restart fails: \`${m.image}\` is gone from the registry.**\n> Referenced at ${m.where.map((w) => `\`${w}\``).join(', ')}.`);
      out.push(`> Running pods keep their cached copy until they are rescheduled. Push the image again (copy it back from a mirror or rebuild the same tag), or deploy a version that exists — before a node drain or certificate rotation restarts the pods.`, '');
    }
  }
  if (report.merges.length) {
    out.push('## Merged but not deployed', '', '| merged | age | pull request | image changes | waiting for |', '|---|---|---|---|---|');
    for (const m of report.merges) {
      const pr = m.pull ? `[#${m.pull.number}](${m.pull.url}) ${cell(m.pull.title)}` : cell(m.message);
      const waiting = report.waiting.get(m.sha)?.join(', ') || 'any deployment';
      out.push(`| \`${short(m.sha)}\` | ${age(report.now - Date.parse(m.date))} | ${pr} | ${changes(m)} | ${cell(waiting)} |`);
    }
    out.push('', 'No deployment reports a revision that contains these merges. Check the Flux Kustomization or Argo CD application that deploys them (`flux get kustomizations`, `argocd app get`): a failed build, a suspended reconciliation or a sync window stops a release here, while retention may prune the image that is still running.', '');
  }
  if (report.risks.length) {
    out.push('## Retention risk', '');
    for (const r of report.risks) out.push(`- :warning: \`${r.image}\`: ${r.reason}\n  ${r.suggestion}`);
    out.push('');
  }
  if (report.protection) out.push(...renderProtection(report.protection, report.risks.length));
  if (!report.missing.length && !report.merges.length && !report.risks.length && !report.protection?.faults.length) out.push('All merges are deployed and every image in use exists. imagepin closed this issue; it reopens it when that changes.', '');
  if (report.notes.length) out.push('<details><summary>Notes</summary>', '', ...report.notes.map((n) => `- ${n}`), '', '</details>', '');
  const deployed = report.deployed.map((s) => `\`${s.unit}\` at \`${short(s.sha)}\``).join(', ');
  out.push(`<sub>Last deployed: ${deployed || 'no deployment seen in the last 100 commits'}. Checked ${new Date(report.now).toISOString().replace(/\.\d+Z$/, 'Z')}.</sub>`);
  // `--` would end the HTML comment early.
  out.push(`<!-- imagepin:state ${JSON.stringify(state).replace(/--/g, '\\u002d\\u002d')} -->`);
  return out.join('\n');
}

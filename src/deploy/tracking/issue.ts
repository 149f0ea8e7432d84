import type { Octokit } from '../../sources/github-pr.js';
import { age, ISSUE_MARKER, parseState, renderIssue, type Report, type TrackingState } from './render.js';

type Repo = { owner: string; repo: string };

export const ISSUE_TITLE = 'imagepin: deployment alerts';
export const ISSUE_LABEL = 'imagepin';

export interface TrackingIssue {
  number: number;
  open: boolean;
  state: TrackingState;
}

function waitingFor(units: string[]): string {
  if (units.length === 0) return 'no deployment reports';
  return `${units.map((u) => `\`${u}\``).join(' and ')} ${units.length === 1 ? 'has' : 'have'} not reported`;
}

/** The repository's one tracking issue, open or closed (the oldest, if people made copies). */
export async function findIssue(octokit: Octokit, repo: Repo): Promise<TrackingIssue | undefined> {
  const issues = await octokit.paginate(octokit.rest.issues.listForRepo, { ...repo, labels: ISSUE_LABEL, state: 'all', per_page: 100 });
  const ours = issues.filter((i) => !i.pull_request && (i.body ?? '').includes(ISSUE_MARKER)).sort((a, b) => a.number - b.number)[0];
  return ours ? { number: ours.number, open: ours.state === 'open', state: parseState(ours.body) } : undefined;
}

/**
 * Brings the tracking issue up to date: created or reopened when there is something to report,
 * edited in place, closed when all is clear. Merged PRs hear once that they are not deployed, and
 * once more when they are. Returns the issue number, if there is one.
 */
export async function syncIssue(octokit: Octokit, repo: Repo, existing: TrackingIssue | undefined, report: Report): Promise<number | undefined> {
  const alerting = report.merges.length + report.missing.length + report.risks.length + (report.protection?.faults.length ?? 0) > 0;
  const previous = existing?.state ?? { v: 1, merges: [], commented: [] };
  const stillWaiting = new Set(report.merges.flatMap((m) => (m.pull ? [m.pull.number] : [])));
  const state: TrackingState = { v: 1, merges: report.merges, commented: previous.commented.filter((n) => stillWaiting.has(n)) };
  if (!existing && !alerting) return undefined;
  if (existing && !existing.open && !alerting) return existing.number;
  let number = existing?.number;
  if (!existing) {
    const { data } = await octokit.rest.issues.create({ ...repo, title: ISSUE_TITLE, labels: [ISSUE_LABEL], body: renderIssue(report, state) });
    number = data.number;
  }
  const issue = number!;
  const link = `#${issue}`;
  for (const merge of report.merges) {
    if (!merge.pull || previous.commented.includes(merge.pull.number) || state.commented.includes(merge.pull.number)) continue;
    await octokit.rest.issues.createComment({ ...repo, issue_number: merge.pull.number, body: `:hourglass: This pull request was merged ${age(report.now - Date.parse(merge.date))} ago (\`${merge.sha.slice(0, 7)}\`) and is **not deployed**: ${waitingFor(report.waiting.get(merge.sha) ?? [])} a revision that contains it. imagepin tracks it in ${link}.` });
    state.commented.push(merge.pull.number);
  }
  for (const merged of previous.merges) {
    if (!merged.pull || !previous.commented.includes(merged.pull.number) || stillWaiting.has(merged.pull.number)) continue;
    await octokit.rest.issues.createComment({ ...repo, issue_number: merged.pull.number, body: `:white_check_mark: Now deployed: a deployment reports a revision that contains \`${merged.sha.slice(0, 7)}\`.` });
  }
  if (existing) await octokit.rest.issues.update({ ...repo, issue_number: issue, body: renderIssue(report, state), ...(existing.open !== alerting ? { state: alerting ? 'open' : 'closed' } : {}) });
  else if (state.commented.length) await octokit.rest.issues.update({ ...repo, issue_number: issue, body: renderIssue(report, state) });
  return issue;
}

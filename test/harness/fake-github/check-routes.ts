import { HttpError, REPO, repoKey, type Route } from './http.js';
import { refuseOutsideDiff } from './review-lines.js';
import type { CheckRunState, GitHubState, ReviewState } from './state.js';

const route = (method: string, path: string, handle: Route[2]): Route => [method, new RegExp(`^${path}$`), handle];
const CONCLUSIONS = new Set(['action_required', 'cancelled', 'failure', 'neutral', 'success', 'skipped', 'stale', 'timed_out']);
const ANNOTATION_FIELDS = ['path', 'start_line', 'end_line', 'annotation_level', 'message'];

/** What GitHub refuses in a check run's output: over 50 annotations a call, or one without its required fields. */
function checkOutput(output: { annotations?: Record<string, unknown>[] }): void {
  if ((output.annotations?.length ?? 0) > 50) throw new HttpError(422, 'Invalid request. Only 50 annotations are allowed per request.');
  for (const a of output.annotations ?? []) {
    const missing = ANNOTATION_FIELDS.find((f) => a[f] === undefined);
    if (missing) throw new HttpError(422, `Invalid request. "${missing}" wasn't supplied.`);
  }
}

/** A completed run needs a conclusion, and a conclusion completes the run, as on GitHub. */
function checkStatus(b: Record<string, unknown>, run?: CheckRunState): void {
  if (b.conclusion !== undefined && !CONCLUSIONS.has(String(b.conclusion))) throw new HttpError(422, `Invalid request. ${String(b.conclusion)} is not a member of conclusion.`);
  if (b.status === 'completed' && b.conclusion === undefined && !run?.conclusion) throw new HttpError(422, 'Invalid request. "conclusion" wasn\'t supplied.');
}

const runJson = (r: CheckRunState) => ({ id: r.id, name: r.name, head_sha: r.head_sha, status: r.status, conclusion: r.conclusion, started_at: r.started_at, output: { title: r.output.title ?? null, summary: r.output.summary ?? null, annotations_count: r.output.annotations.length } });

/** Check runs (create, update, list for a commit) and pull request reviews. */
export function checkRoutes(s: GitHubState): Route[] {
  return [
    route('POST', `${REPO}/check-runs`, (p, b) => {
      if (!b.name || !b.head_sha) throw new HttpError(422, 'Invalid request. "name" and "head_sha" are required.');
      if (!s.commits.has(String(b.head_sha))) throw new HttpError(422, `No commit found for SHA: ${String(b.head_sha)}`);
      checkStatus(b);
      const output = (b.output ?? {}) as { title?: string; summary?: string; annotations?: Record<string, unknown>[] };
      checkOutput(output);
      const run: CheckRunState = { id: s.id(), repo: repoKey(p), name: String(b.name), head_sha: String(b.head_sha), status: b.conclusion ? 'completed' : String(b.status ?? 'queued'), conclusion: b.conclusion ? String(b.conclusion) : null, started_at: String(b.started_at ?? new Date().toISOString()), output: { title: output.title, summary: output.summary, annotations: output.annotations ?? [] } };
      s.checkRuns.push(run);
      return runJson(run);
    }),
    route('PATCH', `${REPO}/check-runs/(?<id>\\d+)`, (p, b) => {
      const run = s.checkRuns.find((r) => r.id === Number(p.id) && r.repo === repoKey(p));
      if (!run) throw new HttpError(404, 'Not Found');
      checkStatus(b, run);
      const output = (b.output ?? {}) as { title?: string; summary?: string; annotations?: Record<string, unknown>[] };
      checkOutput(output);
      if (b.status) run.status = String(b.status);
      if (b.conclusion) Object.assign(run, { status: 'completed', conclusion: String(b.conclusion) });
      run.output = { title: output.title ?? run.output.title, summary: output.summary ?? run.output.summary, annotations: [...run.output.annotations, ...(output.annotations ?? [])] };
      return runJson(run);
    }),
    route('GET', `${REPO}/check-runs/(?<id>\\d+)`, (p) => {
      const run = s.checkRuns.find((r) => r.id === Number(p.id) && r.repo === repoKey(p));
      if (!run) throw new HttpError(404, 'Not Found');
      return runJson(run);
    }),
    route('GET', `${REPO}/commits/(?<ref>[0-9a-f]+)/check-runs`, (p, _b, url) => {
      const name = url.searchParams.get('check_name');
      const status = url.searchParams.get('status');
      // Newest first, as GitHub lists them.
      const runs = s.checkRuns.filter((r) => r.repo === repoKey(p) && r.head_sha === p.ref && (!name || r.name === name) && (!status || r.status === status)).reverse();
      return { total_count: runs.length, check_runs: runs.map(runJson) };
    }),
    route('GET', `${REPO}/pulls/(?<number>\\d+)/reviews`, (p) => s.reviews.filter((r) => r.repo === repoKey(p) && r.number === Number(p.number)).map((r) => ({ id: r.id, body: r.body, commit_id: r.commit_id, state: 'COMMENTED', user: { login: 'imagepin[bot]', type: 'Bot' } }))),
    route('POST', `${REPO}/pulls/(?<number>\\d+)/reviews`, (p, b) => {
      if (!s.commits.has(String(b.commit_id))) throw new HttpError(422, 'Unprocessable Entity: commit_id is not part of the pull request');
      if (String(b.body ?? '').length > 65_536) throw new HttpError(422, 'Validation Failed: Body is too long (maximum is 65536 characters)');
      refuseOutsideDiff(s, repoKey(p), Number(p.number), b.comments as Record<string, unknown>[] | undefined);
      const review = { id: s.id(), repo: repoKey(p), number: Number(p.number), commit_id: String(b.commit_id), body: String(b.body), comments: b.comments as ReviewState['comments'] };
      s.reviews.push(review);
      return review;
    }),
  ];
}

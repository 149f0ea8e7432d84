import type { Octokit } from './github-pr.js';

export type PullFile = Awaited<ReturnType<Octokit['rest']['pulls']['listFiles']>>['data'][number];

const PER_PAGE = 100;
/** GitHub lists at most 3,000 files of a pull request (30 pages). */
const MAX_FILES = 3_000;

/**
 * A pull request's files (the PR files API, 100 a page). With the count the PR snapshot gave,
 * every page is asked for at once (one round trip instead of one per page; Octokit's throttling
 * still spaces them); if the last expected page says there are more (a push added files since
 * the count), the rest is followed page by page, so no file is ever missed. Without a count, the
 * pages are followed one by one.
 */
export async function listPullFiles(octokit: Octokit, pr: { owner: string; repo: string; number: number }, count?: number): Promise<PullFile[]> {
  const params = { owner: pr.owner, repo: pr.repo, pull_number: pr.number, per_page: PER_PAGE };
  if (count === undefined) return octokit.paginate(octokit.rest.pulls.listFiles, params);
  const pages = Math.max(1, Math.ceil(Math.min(count, MAX_FILES) / PER_PAGE));
  const answers = await Promise.all(Array.from({ length: pages }, (_, i) => octokit.rest.pulls.listFiles({ ...params, page: i + 1 })));
  const files = answers.flatMap((a) => a.data);
  if (!/rel="next"/.test(answers.at(-1)!.headers.link ?? '')) return files;
  const rest = await octokit.paginate(octokit.rest.pulls.listFiles, { ...params, page: pages + 1 });
  return [...files, ...rest];
}

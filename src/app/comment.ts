import { STICKY_MARKER } from '../reporters/markdown.js';
import type { Octokit } from '../sources/github-pr.js';
import type { RepoRef } from './check-run.js';

/**
 * The one sticky comment: found by its hidden marker among all comments (paginated), updated in
 * place when its text changed, created only when there is something to say.
 */
export async function upsertComment(octokit: Octokit, repo: RepoRef, issueNumber: number, body: string, createIfMissing: boolean): Promise<'created' | 'updated' | 'unchanged' | 'none'> {
  const comments = await octokit.paginate(octokit.rest.issues.listComments, { ...repo, issue_number: issueNumber, per_page: 100 });
  const existing = comments.find((c) => c.body?.includes(STICKY_MARKER) && c.user?.type === 'Bot');
  if (!existing) {
    if (!createIfMissing) return 'none';
    await octokit.rest.issues.createComment({ ...repo, issue_number: issueNumber, body });
    return 'created';
  }
  if (existing.body === body) return 'unchanged';
  await octokit.rest.issues.updateComment({ ...repo, comment_id: existing.id, body });
  return 'updated';
}

import { STICKY_MARKER } from '../reporters/markdown.js';
import type { Octokit } from '../sources/github-pr.js';
import type { RepoRef } from './check-run.js';
import type { KnownComments } from './pr-snapshot.js';

/**
 * The one sticky comment: found by its hidden marker among all comments, updated in place when its
 * text changed, created only when there is something to say. `known` is the first page the PR's
 * snapshot query read: when the marker is not on it and there are more, all pages are listed.
 */
export async function upsertComment(octokit: Octokit, repo: RepoRef, issueNumber: number, body: string, createIfMissing: boolean, known?: KnownComments): Promise<'created' | 'updated' | 'unchanged' | 'none'> {
  const sticky = (c: { body: string; bot: boolean }) => c.bot && c.body.includes(STICKY_MARKER);
  const listAll = async () => (await octokit.paginate(octokit.rest.issues.listComments, { ...repo, issue_number: issueNumber, per_page: 100 })).map((c) => ({ id: c.id, body: c.body ?? '', bot: c.user?.type === 'Bot' }));
  const existing = known?.comments.find(sticky) ?? (known?.complete ? undefined : (await listAll()).find(sticky));
  if (!existing) {
    if (!createIfMissing) return 'none';
    await octokit.rest.issues.createComment({ ...repo, issue_number: issueNumber, body });
    return 'created';
  }
  if (existing.body === body) return 'unchanged';
  await octokit.rest.issues.updateComment({ ...repo, comment_id: existing.id, body });
  return 'updated';
}

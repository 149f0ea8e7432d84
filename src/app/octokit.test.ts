import { describeError } from './failure.js';
import { retryRateLimit } from './octokit.js';

const log = () => {
  const lines: string[] = [];
  return { lines, octokit: { log: { warn: (_o: object, msg: string) => void lines.push(`warn ${msg}`), error: (_o: object, msg: string) => void lines.push(`error ${msg}`) } } };
};

test('a rate-limited request is retried after retry-after up to the bound, then given up with an error line', () => {
  const { lines, octokit } = log();
  const handler = retryRateLimit('secondary rate limit', 3, 120);
  const request = { method: 'POST', url: '/repos/acme/gitops/issues/1/comments' };
  expect([0, 1, 2, 3].map((count) => handler(60, request, octokit, count))).toEqual([true, true, true, false]);
  expect(lines.at(-1)).toBe('error GitHub secondary rate limit: giving up after 3 retries');
});

test('a retry-after longer than the longest wait worth holding a worker fails at once', () => {
  const { octokit } = log();
  expect(retryRateLimit('rate limit', 3, 120)(3600, { method: 'GET', url: '/x' }, octokit, 0)).toBe(false);
});

test('a GitHub error is described by status and call, without query, host or documentation link', () => {
  const err = Object.assign(new Error('Server Error - https://docs.github.com/rest'), { status: 502, request: { method: 'PATCH', url: 'https://api.github.com/repos/a/b/check-runs/7?x=1' } });
  expect(describeError(err)).toBe('GitHub answered 502 to PATCH /repos/a/b/check-runs/7 (Server Error)');
  expect(describeError(new Error('Invalid comparator: x:1\n    at stack'))).toBe('Invalid comparator: x:1');
});

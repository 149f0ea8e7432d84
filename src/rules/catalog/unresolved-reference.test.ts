import { loadConfig } from '../../config/load.js';
import type { Inventory } from '../../engine/scan.js';
import { extractFile } from '../../extractors/index.js';
import type { Resolution } from '../../resolver/types.js';
import { runRules } from '../run.js';

const POD = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: c\n      image: ghcr.io/acme/app:1.2.3\n';
const REF = 'ghcr.io/acme/app:1.2.3';

/** The findings of unresolved-reference for one pod whose reference resolved as `resolution` says. */
function findings(resolution: Partial<Resolution> | undefined, config = ''): string[] {
  const result = extractFile('pod.yaml', POD);
  const inventory: Inventory = { source: 'test', files: [], occurrences: result.occurrences, charts: [], mirrors: [], repositories: [], diagnostics: [] };
  if (resolution) inventory.resolutions = new Map([[REF, { reference: REF, status: 'unresolved', ...resolution } as Resolution]]);
  const loaded = loadConfig(config);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
  return runRules({ inventory, config: loaded.config }).filter((f) => f.ruleId === 'unresolved-reference').map((f) => `${f.severity}:${f.span.start.line} ${f.message} | ${f.fix}`);
}

const error = (kind: NonNullable<Resolution['error']>['kind'], message: string): Partial<Resolution> => ({ error: { kind, message, retryable: true } });

test.each([
  ['timeout', 'registry ghcr.io did not answer within 10 s; imagepin stopped asking it for the rest of this analysis', /\/imagepin recheck/],
  ['timeout', 'the analysis deadline of 60 s passed before registry ghcr.io answered', /IMAGEPIN_DEADLINE/],
  ['registry-error', 'ghcr.io answered HTTP 503 for ghcr.io/acme/app:1.2.3', /again later/],
  ['rate-limited', 'ghcr.io is rate limiting imagepin (HTTP 429)', /mirror/],
  ['unauthorized', 'ghcr.io refused access (HTTP 401)', /credentials/],
  ['blocked', '10.0.0.5:5000 is a private or local address', /IMAGEPIN_ALLOW_HOSTS/],
  ['own-limit', "imagepin's shared request limit for ghcr.io:443 is kept in Redis, which failed (Connection is closed.); the request was not sent", /REDIS_URL/],
] as const)('%s: a warning that says why the reference was not checked', (kind, message, fix) => {
  const [line, ...rest] = findings(error(kind, message));
  expect(rest).toEqual([]);
  expect(line).toContain(`warning:7 imagepin could not check \`ghcr.io/acme/app:1.2.3\`: ${message}. Whether it exists, and which digest and release it is, are unknown.`);
  expect(line).toMatch(fix);
});

test('a team can make it blocking, or turn it off', () => {
  expect(findings(error('timeout', 'x'), 'rules: {unresolved-reference: error}')[0]).toMatch(/^error:7 /);
  expect(findings(error('timeout', 'x'), 'rules: {unresolved-reference: off}')).toEqual([]);
});

test('not for a 404 (tag-not-found), a resolved reference, or an offline run', () => {
  expect(findings(error('not-found', 'no such tag'))).toEqual([]);
  expect(findings({ status: 'resolved', digest: `sha256:${'1'.repeat(64)}` })).toEqual([]);
  expect(findings(undefined)).toEqual([]);
});

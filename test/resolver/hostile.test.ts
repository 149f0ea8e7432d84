import { ref } from '../helpers/ref.js';
import { CredentialStore } from '../../src/resolver/credentials.js';
import { createResolver, type ResolverConfig } from '../../src/resolver/index.js';
import type { Resolution } from '../../src/resolver/types.js';
import { defaultConfig } from '../../src/config/schema.js';
import { analyze } from '../../src/engine/analyze.js';
import { MemorySource } from '../../src/sources/memory.js';
import { ManualClock } from '../harness/clock.js';
import { BIG_INDEX_DIGEST, HostileRegistry, MANIFEST_DIGEST, type Case } from '../harness/hostile-registry.js';

const TIMEOUT = 10_000;
const DEADLINE = 60_000;
let hostile: HostileRegistry;

beforeAll(async () => {
  hostile = await HostileRegistry.start();
});
afterAll(() => hostile.stop());

/**
 * A resolver stack on a manual clock: a request the registry parks times out when the clock moves
 * (at the moment the registry has parked it), and backoff sleeps move the clock instead of waiting.
 */
function stack(c: Case, extra: Partial<ResolverConfig> = {}) {
  const clock = new ManualClock();
  const sleeps: number[] = [];
  hostile.onPark = () => clock.advance(TIMEOUT);
  const credentials = CredentialStore.fromDockerConfig(JSON.stringify({ auths: { [hostile.registry.host]: { username: 'ci', password: 's3cret' } } }));
  const s = createResolver({
    endpoints: [hostile.endpoint(c)],
    allowHosts: ['localhost', hostile.elsewhere.host],
    credentials,
    ...extra,
    http: { timeoutMs: TIMEOUT, deadlineMs: DEADLINE, backoffMs: 100, timers: clock, sleep: async (ms) => void (sleeps.push(ms), clock.advance(ms)), ...extra.http },
  });
  return { ...s, clock, sleeps };
}

type Expect = { status: 'unresolved'; kind: string; message: RegExp } | { status: 'resolved'; digest: string; check?: (r: Resolution) => void };

const unresolved = (kind: string, message: RegExp): Expect => ({ status: 'unresolved', kind, message });
const CASES: [Case, string, Expect][] = [
  ['hang', '1.0.0', unresolved('timeout', /^registry 127\.0\.0\.1:\d+ did not answer within 10 s/)],
  ['drip', '1.0.0', unresolved('timeout', /^registry 127\.0\.0\.1:\d+ did not answer within 10 s/)],
  ['server-error', '1.0.0', unresolved('registry-error', /answered HTTP 503/)],
  ['retry-after-small', '1.0.0', unresolved('rate-limited', /rate limiting imagepin \(HTTP 429\)/)],
  ['retry-after-huge', '1.0.0', unresolved('rate-limited', /rate limiting imagepin \(HTTP 429\)/)],
  ['truncated', '1.0.0', unresolved('registry-error', /registry unreachable/)],
  ['oversized', '1.0.0', unresolved('registry-error', /over the 4194304-byte limit/)],
  ['wrong-digest', '1.0.0', unresolved('registry-error', /does not match its digest/)],
  ['missing-digest', `x@sha256:${'3'.repeat(64)}`, unresolved('registry-error', /does not match its digest/)],
  ['realm-other-port', '1.0.0', unresolved('unauthorized', /refused access/)],
  ['realm-other-host', '1.0.0', unresolved('registry-error', /token service of 127\.0\.0\.1:\d+ answered HTTP 404/)],
  ['realm-other-scheme', '1.0.0', unresolved('registry-error', /registry unreachable/)],
  ['redirect-loop', '1.0.0', unresolved('registry-error', /more than 5 redirects/)],
  ['bad-challenge', '1.0.0', unresolved('unauthorized', /named a token realm that is not a URL/)],
  ['no-realm', '1.0.0', unresolved('unauthorized', /asked for a token but named no realm/)],
  ['big-index', '1.0.0', { status: 'resolved', digest: BIG_INDEX_DIGEST, check: (r) => expect(r.platforms).toEqual(['linux/amd64', 'linux/arm64']) }],
  ['endless-tags', 'latest', { status: 'resolved', digest: MANIFEST_DIGEST, check: (r) => expect(r).toMatchObject({ versionSource: 'undetermined', notes: [expect.stringMatching(/tag list of endless-tags\.hostile\.test\/x was cut after 50 pages \(50000 tags\)/)] }) }],
  ['huge-tag-page', 'latest', { status: 'resolved', digest: MANIFEST_DIGEST, check: (r) => expect(r.versionSource).toBe('development-build') }],
  ['redirect-other-port', '1.0.0', { status: 'resolved', digest: MANIFEST_DIGEST }],
  ['redirect-other-host', '1.0.0', { status: 'resolved', digest: MANIFEST_DIGEST }],
];

describe('a hostile registry: every case ends with a reason, within the deadline, never with a wrong digest', () => {
  test.each(CASES)('%s', async (c, reference, expected) => {
    const s = stack(c, { resolver: { platforms: c === 'big-index' } });
    const started = s.clock.now();
    const name = reference.startsWith('x@') ? `${c}.hostile.test/${reference}` : `${c}.hostile.test/x:${reference}`;
    const [result] = [...(await s.resolver.resolveAll([ref(name)])).values()];
    await s.close();
    expect(s.clock.now() - started).toBeLessThanOrEqual(DEADLINE);
    if (expected.status === 'unresolved') {
      expect(result).toMatchObject({ status: 'unresolved', error: { kind: expected.kind, message: expect.stringMatching(expected.message) } });
      expect(result!.digest).toBeUndefined();
    } else {
      expect(result).toMatchObject({ status: 'resolved', digest: expected.digest });
      expected.check?.(result!);
    }
    if (c === 'retry-after-small') expect(s.sleeps).toEqual([1000, 1000]);
    if (c === 'retry-after-huge') expect(s.sleeps).toEqual([]);
  });

  test('no Authorization header reached any origin but the registry the credential is for', () => {
    const seen = hostile.authorizations();
    // The redirect cases carried Basic credentials to the registry, so the log is not empty by accident.
    expect(seen.filter((a) => a.authorization.startsWith('Basic ')).length).toBeGreaterThan(0);
    expect(seen.filter((a) => a.origin !== hostile.registry.url)).toEqual([]);
  });
});

test('breaker: after one timeout, the other 63 references to that registry are unresolved at once', async () => {
  const s = stack('hang');
  const before = hostile.registry.requests.length;
  const refs = Array.from({ length: 64 }, (_, i) => ref(`hang.hostile.test/app-${i}:1.0.${i}`));
  const results = [...(await s.resolver.resolveAll(refs)).values()];
  await s.close();
  expect(results).toHaveLength(64);
  for (const r of results) expect(r).toMatchObject({ status: 'unresolved', error: { kind: 'timeout', message: expect.stringMatching(/^registry 127\.0\.0\.1:\d+ did not answer within 10 s/) } });
  // One request (the ping) reached the registry; one timeout of 10 s is all the analysis waited.
  expect(hostile.registry.requests.length - before).toBe(1);
  expect(s.clock.now() - Date.parse('2026-11-23T09:00:00Z')).toBe(TIMEOUT);
  // Those that shared the one ping get its timeout; the rest, queued behind it, the open breaker's.
  const stopped = results.filter((r) => r.error?.message.endsWith('imagepin stopped asking it for the rest of this analysis')).length;
  expect(stopped).toBeGreaterThan(0);
  expect(stopped).toBeLessThan(64);
});

test('breaker off (breakerAfter 0): every attempt waits for its own timeout', async () => {
  const s = stack('hang', { http: { breakerAfter: 0, retries: 1 } });
  const [result] = [...(await s.resolver.resolveAll([ref('hang.hostile.test/x:1.0.0')])).values()];
  await s.close();
  expect(result?.error?.message).toMatch(/did not answer within 10 s$/);
  expect(s.clock.now() - Date.parse('2026-11-23T09:00:00Z')).toBe(2 * TIMEOUT + 100);
});

test('deadline: a registry still silent when the analysis deadline passes is reported so, and nothing waits longer', async () => {
  const s = stack('hang', { http: { deadlineMs: 4_000 } });
  hostile.onPark = () => s.clock.advance(4_000);
  const results = [...(await s.resolver.resolveAll([ref('hang.hostile.test/a:1.0.0'), ref('hang.hostile.test/b:1.0.0')])).values()];
  await s.close();
  for (const r of results) expect(r.error).toEqual({ kind: 'timeout', retryable: true, message: expect.stringMatching(/^the analysis deadline of 4 s passed before registry 127\.0\.0\.1:\d+ answered$/) });
  expect(s.clock.now() - Date.parse('2026-11-23T09:00:00Z')).toBe(4_000);
});

test('the breaker is per analysis: the next analysis asks the registry again', async () => {
  const s = stack('hang');
  await s.resolver.resolveAll([ref('hang.hostile.test/x:1.0.0')]);
  const before = hostile.registry.requests.length;
  await s.resolver.resolveAll([ref('hang.hostile.test/y:1.0.0')]);
  await s.close();
  expect(hostile.registry.requests.length - before).toBe(1);
});

test('a tag list cut at the pagination cap is a diagnostic at the occurrence, and the version is not guessed', async () => {
  const s = stack('endless-tags');
  const pod = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: c\n      image: endless-tags.hostile.test/x:latest\n';
  const { inventory, findings } = await analyze({ head: new MemorySource({ 'pod.yaml': pod }), config: defaultConfig(), resolver: s.resolver });
  await s.close();
  expect(inventory.diagnostics).toEqual([{ file: 'pod.yaml', code: 'tag-list-truncated', line: 7, col: 42, document: 0, message: 'endless-tags.hostile.test/x:latest: the tag list of endless-tags.hostile.test/x was cut after 50 pages (50000 tags); later tags were not seen' }]);
  expect(findings.find((f) => f.ruleId === 'floating-tag')?.message).not.toMatch(/development build/);
});

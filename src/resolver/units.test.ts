import type { RegistryClient } from './client.js';
import { Resolver } from './resolver.js';
import { parseChallenge } from './auth.js';
import { MemoryCache } from './cache.js';
import { CredentialStore } from './credentials.js';
import { Endpoints } from './endpoints.js';
import { RealmAllowList } from './realms.js';
import { classifyTag, releaseCandidates, tagsBelow } from './tags.js';

test.each([
  ['latest', 'floating'], ['main', 'floating'], ['dev', 'floating'], ['latest-alpine', 'floating'], ['Nightly', 'floating'],
  ['1.27.3', 'release'], ['v2.54.1', 'release'], ['16.4.0-debian-12-r0', 'release'], ['1.2.3.4', 'release'],
  ['16', 'partial'], ['1.27', 'partial'], ['v3', 'partial'], ['16-alpine', 'partial'], ['3.12-slim', 'partial'], ['3-rc1', 'other'],
  ['sha-1a2b3c', 'other'], ['RELEASE.2024-10-13T13-34-11Z', 'other'], ['release-1.2.3', 'other'], ['pr-42', 'other'],
])('classifyTag(%s) = %s', (tag, kind) => {
  expect(classifyTag(tag)).toBe(kind);
});

test('below a short tag with a variant: longer versions with the same variant only', () => {
  const tags = ['16', '16.4', '16.4-alpine', '16.4.1-alpine', '16.6-alpine', '16.6-bookworm', '16.7-beta1-alpine', '17.0-alpine', '160.1-alpine'];
  expect(tagsBelow('16-alpine', tags)).toEqual(['16.4-alpine', '16.4.1-alpine', '16.6-alpine']);
  expect(tagsBelow('16.4-alpine', tags)).toEqual(['16.4.1-alpine']);
  expect(tagsBelow('16.6-alpine', tags)).toEqual([]);
});

test('extra floating names come from configuration', () => {
  expect(classifyTag('prod', ['prod'])).toBe('floating');
});

test('release candidates: newest first, plain before suffixed, partial and other tags left out', () => {
  expect(releaseCandidates(['latest', '1.9.0', '1.10.0-alpine', '1.10.0', 'v1.10.1', '1.10', 'sha-abc', '0.9.9'])).toEqual(['v1.10.1', '1.10.0', '1.10.0-alpine', '1.9.0', '0.9.9']);
});

test.each([
  ['Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/nginx:pull"', { scheme: 'bearer', realm: 'https://auth.docker.io/token', service: 'registry.docker.io' }],
  ['Basic realm="Registry Realm"', { scheme: 'basic', realm: 'Registry Realm' }],
  [null, { scheme: 'none' }],
  ['Negotiate', { scheme: 'none' }],
])('parseChallenge(%j)', (header, challenge) => {
  expect(parseChallenge(header)).toEqual(challenge);
});

test('endpoints: Docker Hub, local registries over http, operator overrides with a path prefix', () => {
  const endpoints = Endpoints.parse(['quay.io=http://127.0.0.1:5000/v2/quay.io,ghcr.io=https://mirror.example.com/v2/ghcr']);
  expect(endpoints.for('docker.io')).toEqual({ registry: 'docker.io', base: 'https://registry-1.docker.io/v2', host: 'registry-1.docker.io', operator: false });
  expect(endpoints.for('localhost:5000').base).toBe('http://localhost:5000/v2');
  expect(endpoints.for('registry.example.com').base).toBe('https://registry.example.com/v2');
  expect(endpoints.for('quay.io')).toEqual({ registry: 'quay.io', base: 'http://127.0.0.1:5000/v2/quay.io', host: '127.0.0.1:5000', operator: true });
  expect(endpoints.operatorHosts()).toEqual(['127.0.0.1:5000', 'mirror.example.com:443']);
  expect(() => Endpoints.parse(['quay.io'])).toThrow('endpoint override "quay.io" must look like registry=https://host[:port]/v2[/prefix]');
});

test('Docker config.json: auth, username/password and identity tokens, keyed by the host they are for', () => {
  const store = CredentialStore.fromDockerConfig(JSON.stringify({
    auths: {
      'https://index.docker.io/v1/': { auth: Buffer.from('hubuser:hubpass').toString('base64') },
      'harbor.example.com:8443': { username: 'robot$ci', password: 'pw' },
      'ghcr.io': { identitytoken: 'tok' },
      'empty.example.com': {},
    },
  }));
  expect(store.forOrigin('https://registry-1.docker.io/v2')).toEqual({ username: 'hubuser', password: 'hubpass' });
  expect(store.forOrigin('https://harbor.example.com:8443/v2')).toEqual({ username: 'robot$ci', password: 'pw' });
  expect(store.forOrigin('https://ghcr.io/v2')).toEqual({ username: '<token>', password: 'tok' });
  expect(store.size).toBe(3);
  expect(() => CredentialStore.fromDockerConfig('{', 'DOCKER_CONFIG')).toThrow(/^DOCKER_CONFIG is not valid JSON/);
});

test.each([
  // [config key, URL, sent?]: exact scheme, host and port; https unless the key says http (or the host is loopback).
  ['harbor.example.com:8443', 'https://harbor.example.com:8443/v2', true],
  ['harbor.example.com:8443', 'https://harbor.example.com:9443/v2', false],
  ['harbor.example.com:8443', 'http://harbor.example.com:8443/v2', false],
  ['harbor.example.com', 'https://harbor.example.com/v2', true],
  ['harbor.example.com', 'https://harbor.example.com:8443/v2', false],
  ['harbor.example.com', 'http://harbor.example.com/v2', false],
  ['https://harbor.example.com', 'http://harbor.example.com/v2', false],
  ['http://harbor.example.com:5000', 'http://harbor.example.com:5000/v2', true],
  ['localhost:5000', 'http://localhost:5000/v2', true],
  ['localhost:5000', 'http://localhost:5001/v2', false],
  ['https://127.0.0.1:5000', 'http://127.0.0.1:5000/v2', false],
  ['[::1]:5000', 'http://[::1]:5000/v2', true],
  ['10.0.0.5:5000', 'https://10.0.0.5:5000/v2', true],
  ['10.0.0.5:5000', 'https://10.0.0.6:5000/v2', false],
])('a credential for %s is sent to %s: %s', (key, url, sent) => {
  const store = CredentialStore.fromDockerConfig(JSON.stringify({ auths: { [key]: { username: 'u', password: 'p' } } }));
  expect(store.forOrigin(url) !== undefined).toBe(sent);
});

test.each([
  ['https://registry.example.com/v2', 'https://registry.example.com/token', [], true],
  ['https://registry.example.com:5000/v2', 'https://registry.example.com:5001/token', [], false],
  ['https://registry.example.com/v2', 'http://registry.example.com/token', [], false],
  ['https://registry.example.com/v2', 'https://auth.example.com/token', [], false],
  ['https://registry.example.com/v2', 'https://auth.example.com/token', ['registry.example.com=https://auth.example.com'], true],
  ['https://registry.example.com/v2', 'http://auth.example.com/token', ['registry.example.com=https://auth.example.com'], false],
  ['https://registry.example.com:5000/v2', 'https://auth.example.com/token', ['registry.example.com:5001=https://auth.example.com'], false],
  ['https://registry-1.docker.io/v2', 'https://auth.docker.io/token', [], true],
])('credentials of %s may go to the token realm %s (allowed: %j): %s', (base, realm, allowed, expected) => {
  expect(new RealmAllowList(allowed).allows(new URL(base), new URL(realm))).toBe(expected);
});

test('a token realm entry that is not registry=origin is refused with the fix', () => {
  expect(() => new RealmAllowList(['auth.example.com'])).toThrow('token realm "auth.example.com" must look like registry.example.com[:port]=https://auth.example.com[:port]');
});

test('the cache expires tagged entries, keeps digest entries, and evicts the least recently used', async () => {
  let now = 0;
  const cache = new MemoryCache(2, () => now);
  await cache.set('tag', 'a', 100);
  await cache.set('digest', 'b');
  now = 150;
  expect([await cache.get('tag'), await cache.get('digest')]).toEqual([undefined, 'b']);
  await cache.set('x', 1);
  await cache.get('digest');
  await cache.set('y', 2);
  expect([await cache.get('x'), await cache.get('digest'), await cache.get('y')]).toEqual([undefined, 'b', 2]);
});

describe('release naming says "could not tell" instead of guessing', () => {
  const D = (n: number): string => `sha256:${String(n).repeat(64)}`;
  const head = (digests: Record<string, string | Error>) => async (_r: string, _repo: string, tag: string) => {
    const d = digests[tag];
    if (d instanceof Error || d === undefined) throw d ?? new Error('not found');
    return { digest: d, mediaType: 'application/vnd.oci.image.index.v1+json' };
  };
  const resolverWith = (tagList: () => Promise<{ tags: string[]; truncated: boolean }>, digests: Record<string, string | Error>) =>
    new Resolver({ head: head(digests), tagList } as unknown as RegistryClient, new MemoryCache());
  const ref = { registry: 'docker.io', repository: 'acme/app', tag: 'main', canonical: 'docker.io/acme/app:main' };

  test('a candidate that did not answer: undetermined, not a development build', async () => {
    const r = await resolverWith(async () => ({ tags: ['main', '1.0.0', '0.9.0'], truncated: false }), { main: D(1), '1.0.0': new Error('timed out'), '0.9.0': D(2) }).resolve(ref);
    expect(r).toMatchObject({ versionSource: 'undetermined', versionNote: '1 release tag did not answer' });
  });

  test('a tag list cut off: undetermined; a short tag with nothing below is not called a release', async () => {
    const cut = async () => ({ tags: ['main', '1.0.0'], truncated: true });
    expect(await resolverWith(cut, { main: D(1), '1.0.0': D(2) }).resolve(ref)).toMatchObject({ versionSource: 'undetermined', versionNote: 'the tag list was cut off' });
    const short = await resolverWith(cut, { '16.4': D(1) }).resolve({ ...ref, tag: '16.4', canonical: 'docker.io/acme/app:16.4' });
    expect(short).toMatchObject({ versionSource: 'undetermined' });
    expect(short.partial).toBeUndefined();
  });

  test('an unreadable tag list keeps the digest and says why the release is unknown', async () => {
    const r = await resolverWith(async () => { throw new Error('boom'); }, { main: D(1) }).resolve(ref);
    expect(r).toMatchObject({ status: 'resolved', digest: D(1), versionSource: 'undetermined' });
    expect(r.versionNote).toMatch(/^the tag list could not be read/);
  });
});

test('releases on a track: same major, same variant, no pre-releases, newest first', async () => {
  const { releasesOnTrack, variantOf } = await import('./tags.js');
  const tags = ['16.6', '16.6-alpine', '17.2', '16.5', '17.0-rc1', '16.7-beta1', 'latest', 'latest-alpine', '16.4-alpine'];
  expect(releasesOnTrack(tags, { major: 16, variant: '' })).toEqual(['16.6', '16.5']);
  expect(releasesOnTrack(tags, { major: 16, variant: variantOf('latest-alpine') })).toEqual(['16.6-alpine', '16.4-alpine']);
  expect(releasesOnTrack(tags, { variant: '' })[0]).toBe('17.2');
});

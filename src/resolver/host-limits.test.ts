import { HostLimits, hostLimitsFromEnv, parseRate } from './host-limits.js';
import { createResolver, resolverConfigFromEnv } from './index.js';

describe('hostLimitsFromEnv', () => {
  test('defaults: 8 at once per public registry host, 32 per operator endpoint, no rate', () => {
    expect(hostLimitsFromEnv({})).toEqual({ public: { concurrency: 8 }, operator: { concurrency: 32 }, hosts: [] });
  });

  test('every setting is read', () => {
    const settings = hostLimitsFromEnv({
      IMAGEPIN_REGISTRY_CONCURRENCY: '4',
      IMAGEPIN_REGISTRY_RATE: '20/s',
      IMAGEPIN_OPERATOR_CONCURRENCY: '64',
      IMAGEPIN_OPERATOR_RATE: 'off',
      IMAGEPIN_HOST_LIMITS: 'registry-1.docker.io=2@100/m, harbor.internal:8443=128,[::1]:5000=3',
    });
    expect(settings).toEqual({
      public: { concurrency: 4, rate: { points: 20, seconds: 1 } },
      operator: { concurrency: 64 },
      hosts: [
        { pattern: { name: 'registry-1.docker.io' }, limit: { concurrency: 2, rate: { points: 100, seconds: 60 } } },
        { pattern: { name: 'harbor.internal', port: 8443 }, limit: { concurrency: 128 } },
        { pattern: { name: '::1', port: 5000 }, limit: { concurrency: 3 } },
      ],
    });
  });

  test.each([
    [{ IMAGEPIN_REGISTRY_CONCURRENCY: '0' }, 'IMAGEPIN_REGISTRY_CONCURRENCY must be a whole number of requests at once per host, from 1 to 1024, not "0"'],
    [{ IMAGEPIN_REGISTRY_CONCURRENCY: '2.5' }, 'IMAGEPIN_REGISTRY_CONCURRENCY must be a whole number of requests at once per host, from 1 to 1024, not "2.5"'],
    [{ IMAGEPIN_OPERATOR_CONCURRENCY: '80000' }, 'IMAGEPIN_OPERATOR_CONCURRENCY must be a whole number of requests at once per host, from 1 to 1024, not "80000"'],
    [{ IMAGEPIN_REGISTRY_RATE: '20' }, 'IMAGEPIN_REGISTRY_RATE must be requests per second or minute such as 20/s or 600/m (at least 1), or off, not "20"'],
    [{ IMAGEPIN_OPERATOR_RATE: '0/s' }, 'IMAGEPIN_OPERATOR_RATE must be requests per second or minute such as 20/s or 600/m (at least 1), or off, not "0/s"'],
    [{ IMAGEPIN_HOST_LIMITS: 'ghcr.io' }, 'IMAGEPIN_HOST_LIMITS entry "ghcr.io" must look like host[:port]=CONCURRENCY or host[:port]=CONCURRENCY@RATE (e.g. ghcr.io=16, registry-1.docker.io=4@100/m)'],
    [{ IMAGEPIN_HOST_LIMITS: 'https://ghcr.io=4' }, expect.stringContaining('IMAGEPIN_HOST_LIMITS entry "https://ghcr.io=4" must look like host[:port]=CONCURRENCY')],
    [{ IMAGEPIN_HOST_LIMITS: 'ghcr.io=many' }, 'IMAGEPIN_HOST_LIMITS entry "ghcr.io=many": the concurrency must be a whole number of requests at once per host, from 1 to 1024, not "many"'],
    [{ IMAGEPIN_HOST_LIMITS: 'ghcr.io=4@fast' }, 'IMAGEPIN_HOST_LIMITS entry "ghcr.io=4@fast": the rate must be requests per second or minute such as 20/s or 600/m (at least 1), or off, not "fast"'],
  ])('%j is refused with the fix', (env, message) => {
    expect(() => hostLimitsFromEnv(env)).toThrow(expect.objectContaining({ message }));
  });

  test('a bad value stops the whole resolver configuration (the app refuses to start)', () => {
    expect(() => resolverConfigFromEnv({ IMAGEPIN_HOST_LIMITS: 'ghcr.io=0' })).toThrow(/IMAGEPIN_HOST_LIMITS entry "ghcr.io=0"/);
    expect(resolverConfigFromEnv({ IMAGEPIN_REGISTRY_CONCURRENCY: '16' }).http.hostLimits?.public).toEqual({ concurrency: 16 });
  });

  test('parseRate: per second and per minute, off', () => {
    expect(parseRate('5/s', 'X')).toEqual({ points: 5, seconds: 1 });
    expect(parseRate(' 600 / M ', 'X')).toEqual({ points: 600, seconds: 60 });
    expect(parseRate('off', 'X')).toBeUndefined();
  });
});

describe('HostLimits', () => {
  const limits = new HostLimits(
    hostLimitsFromEnv({ IMAGEPIN_HOST_LIMITS: 'ghcr.io=16,harbor.internal:8443=2@10/s' }),
    ['mirror.example:443', 'harbor.internal:8443', '127.0.0.1:5000'],
  );

  test('public, operator and override hosts each get theirs; the key always carries the port', () => {
    expect(limits.for(new URL('https://registry-1.docker.io/v2/library/nginx/manifests/1'))).toEqual({ key: 'registry-1.docker.io:443', concurrency: 8 });
    expect(limits.for(new URL('https://mirror.example/v2/x'))).toEqual({ key: 'mirror.example:443', concurrency: 32 });
    expect(limits.for(new URL('http://127.0.0.1:5000/v2/'))).toEqual({ key: '127.0.0.1:5000', concurrency: 32 });
    expect(limits.for(new URL('https://GHCR.io:443/v2/'))).toEqual({ key: 'ghcr.io:443', concurrency: 16 });
    expect(limits.for(new URL('https://harbor.internal:8443/v2/'))).toEqual({ key: 'harbor.internal:8443', concurrency: 2, rate: { points: 10, seconds: 1 } });
  });

  test('an override with a port covers that port only; an operator endpoint covers its own port only', () => {
    expect(limits.for(new URL('https://harbor.internal/v2/'))).toEqual({ key: 'harbor.internal:443', concurrency: 8 });
    expect(limits.for(new URL('https://mirror.example:444/v2/'))).toEqual({ key: 'mirror.example:444', concurrency: 8 });
  });
});

test('createResolver: the hosts of endpoint overrides get the operator limit, others the public one, from the environment', async () => {
  const env = { IMAGEPIN_OPERATOR_CONCURRENCY: '48', IMAGEPIN_REGISTRY_RATE: '10/s' };
  const stack = createResolver({ ...resolverConfigFromEnv(env), endpoints: ['docker.io=http://127.0.0.1:5000/v2/hub'] });
  expect(stack.http.limitFor('http://127.0.0.1:5000/v2/hub/library/nginx/manifests/1')).toEqual({ key: '127.0.0.1:5000', concurrency: 48 });
  expect(stack.http.limitFor('https://ghcr.io/v2/x/manifests/1')).toEqual({ key: 'ghcr.io:443', concurrency: 8, rate: { points: 10, seconds: 1 } });
  await stack.close();
});

import { roleFromEnv } from './role.js';
import { redisSettings, redisTarget } from './redis.js';

test('roles: all by default; web and worker need REDIS_URL; anything else is named', () => {
  expect(roleFromEnv({}, false)).toBe('all');
  expect(roleFromEnv({ IMAGEPIN_ROLE: 'worker' }, true)).toBe('worker');
  expect(() => roleFromEnv({ IMAGEPIN_ROLE: 'web' }, false)).toThrow('IMAGEPIN_ROLE=web needs REDIS_URL');
  expect(() => roleFromEnv({ IMAGEPIN_ROLE: 'both' }, true)).toThrow('IMAGEPIN_ROLE must be web, worker or all (got "both")');
});

test('REDIS_URL: redis:// and rediss://, a prefix; the password never reaches a log line', () => {
  expect(redisSettings({})).toBeUndefined();
  expect(redisSettings({ REDIS_URL: 'rediss://:pw@redis.example.com:6380/2', IMAGEPIN_REDIS_PREFIX: 'team-a' })).toEqual({ url: 'rediss://:pw@redis.example.com:6380/2', prefix: 'team-a' });
  expect(redisTarget('rediss://:pw@redis.example.com:6380/2')).toBe('rediss://redis.example.com:6380/2');
  expect(() => redisSettings({ REDIS_URL: 'http://redis' })).toThrow('REDIS_URL must start with redis:// or rediss://');
  expect(() => redisSettings({ REDIS_URL: 'redis://x', IMAGEPIN_REDIS_PREFIX: 'a b' })).toThrow('IMAGEPIN_REDIS_PREFIX may hold');
});

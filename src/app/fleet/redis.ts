import { Redis, type RedisOptions } from 'ioredis';

export interface RedisSettings {
  url: string;
  /** Namespaces every key, so one Redis can serve several installations of imagepin. */
  prefix: string;
}

/** REDIS_URL (the variable Probot's throttling reads too) and IMAGEPIN_REDIS_PREFIX; undefined means the embedded mode. */
export function redisSettings(env: NodeJS.ProcessEnv): RedisSettings | undefined {
  if (!env.REDIS_URL) return undefined;
  let url: URL;
  try {
    url = new URL(env.REDIS_URL);
  } catch {
    throw new Error('REDIS_URL is not a URL: write redis://[:password@]host:port[/db] or rediss://… for TLS');
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') throw new Error(`REDIS_URL must start with redis:// or rediss:// (got ${url.protocol}//)`);
  const prefix = env.IMAGEPIN_REDIS_PREFIX ?? 'imagepin';
  if (!/^[\w.-]+$/.test(prefix)) throw new Error(`IMAGEPIN_REDIS_PREFIX may hold letters, digits, '.', '_' and '-' only (got ${JSON.stringify(prefix)})`);
  return { url: env.REDIS_URL, prefix };
}

/** Where a URL points, without its password, for logs. */
export function redisTarget(url: string): string {
  const u = new URL(url);
  return `${u.protocol}//${u.host}${u.pathname === '/' ? '' : u.pathname}`;
}

/**
 * A client. `command` clients fail at once while Redis is away (no offline queue: a webhook must
 * not be answered as stored when it is only buffered in memory); `blocking` clients, which BullMQ
 * workers need, wait and retry. Both reconnect forever with a capped backoff. rediss:// turns TLS
 * on and a password in the URL is sent with AUTH (ioredis reads both from the URL).
 */
export function redisClient(settings: RedisSettings, kind: 'command' | 'blocking', onError: (err: Error) => void): Redis {
  const options: RedisOptions = {
    lazyConnect: false,
    retryStrategy: (times) => Math.min(200 * times, 5_000),
    ...(kind === 'command' ? { enableOfflineQueue: false, maxRetriesPerRequest: 1 } : { maxRetriesPerRequest: null, enableOfflineQueue: true }),
  };
  const client = new Redis(settings.url, options);
  client.on('error', onError);
  return client;
}

/**
 * Logs Redis's state changes once each (lost, back), not one stack trace per reconnect attempt,
 * so an unreachable Redis is one clear line in the log and a non-ready pod. `lastError` is why the
 * connection is down (a refused port, a certificate that is not trusted), which a failed command
 * alone does not say ("Stream isn't writeable").
 */
export function redisErrorLogger(log: { error: (obj: object, msg: string) => void; info: (obj: object, msg: string) => void }, url: string): { onError: (err: Error) => void; onReady: () => void; lastError: () => string | undefined } {
  let down = false;
  let last: string | undefined;
  return {
    lastError: () => last,
    onError: (err) => {
      last = err.message;
      if (down) return;
      down = true;
      log.error({ redis: redisTarget(url), reason: err.message }, `Redis at ${redisTarget(url)} is unreachable (${err.message}); webhooks are answered 503 and workers wait until it returns`);
    },
    onReady: () => {
      last = undefined;
      if (!down) return;
      down = false;
      log.info({ redis: redisTarget(url) }, 'Redis is reachable again');
    },
  };
}

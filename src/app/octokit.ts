import { ProbotOctokit } from 'probot';

export interface GitHubClientOptions {
  /** How often one request is tried again after a rate limit (primary or secondary). */
  rateLimitRetries?: number;
  /** The longest `retry-after` (seconds) worth waiting for; a longer one fails the call now instead of holding a worker. */
  maxRetryAfterSeconds?: number;
  /** Milliseconds per second of `retry-after` and of the 5xx backoff: 1000 in production; tests shrink it. */
  delayBase?: number;
  /** More throttle options (tests replace the limiter groups that space writes 1 s apart). */
  throttle?: Record<string, unknown>;
}

interface Limited {
  method: string;
  url: string;
}

interface WithLog {
  log: { warn: (o: object, msg: string) => void; error: (o: object, msg: string) => void };
}

/**
 * A throttle handler that retries a rate-limited request after GitHub's `retry-after`, a bounded
 * number of times. Probot's own handler for secondary rate limits only logs, so a 403 "secondary
 * rate limit" on a comment would fail the write on the first try.
 */
export function retryRateLimit(kind: 'rate limit' | 'secondary rate limit', retries: number, maxWait: number) {
  return (retryAfter: number, options: Limited, octokit: WithLog, retryCount = 0): boolean => {
    const fields = { method: options.method, url: options.url, retryAfter, retryCount };
    if (retryCount < retries && retryAfter <= maxWait) {
      octokit.log.warn(fields, `GitHub ${kind}: retrying in ${retryAfter} s`);
      return true;
    }
    octokit.log.error(fields, `GitHub ${kind}: giving up after ${retryCount} retries`);
    return false;
  };
}

/**
 * Probot's Octokit with imagepin's retry policy: 5xx retried by @octokit/plugin-retry (3 times,
 * 1 s, 4 s, 9 s), primary and secondary rate limits retried after `retry-after` (3 times, at most
 * 120 s each). A function default, not an object: Probot merges its own throttle handlers over
 * object defaults, and a function runs after it.
 */
export function imagepinOctokit(o: GitHubClientOptions = {}): typeof ProbotOctokit {
  const retries = o.rateLimitRetries ?? 3;
  const maxWait = o.maxRetryAfterSeconds ?? 120;
  const base = o.delayBase ?? 1000;
  return ProbotOctokit.defaults((options: { retry?: object; throttle?: object }) => ({
    ...options,
    retry: { ...options.retry, retryAfterBaseValue: base },
    throttle: {
      ...options.throttle,
      retryAfterBaseValue: base,
      onRateLimit: retryRateLimit('rate limit', retries, maxWait),
      onSecondaryRateLimit: retryRateLimit('secondary rate limit', retries, maxWait),
      ...o.throttle,
    },
  }));
}

/** A response the fake GitHub gives instead of the real one. */
export interface FaultResponse {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

interface Fault {
  method: string;
  route: RegExp;
  response: FaultResponse;
  left: number;
  skip: number;
  hits: number;
}

/**
 * GitHub's answer to too many writes too fast, in its exact shape: 403, a `retry-after` header,
 * and a message naming the secondary rate limit (which is how Octokit tells it from a refusal).
 */
export const secondaryRateLimit = (retryAfter = 60): FaultResponse => ({
  status: 403,
  headers: { 'retry-after': String(retryAfter), 'x-ratelimit-limit': '5000', 'x-ratelimit-remaining': '4987', 'x-ratelimit-resource': 'core' },
  body: {
    message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID C0DE:1F2A:3B4C:5D6E:7F80.',
    documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits',
    status: '403',
  },
});

/** An outage of one API behind GitHub's load balancer. */
export const badGateway = (): FaultResponse => ({ status: 502, body: { message: 'Server Error' } });

/**
 * Fault injection for the fake GitHub, driven by tests: the next `times` calls of a method and
 * route get the given response (`Infinity` for an outage that outlasts every retry). Each fault
 * counts the calls it answered, so a test can see that a retry happened.
 */
export class Faults {
  private readonly list: Fault[] = [];

  /**
   * Makes `times` calls of `method` to paths matching `route` answer `response`, after letting the
   * first `skip` such calls through; returns the fault, whose `hits` count the calls it answered.
   */
  inject(method: string, route: RegExp, response: FaultResponse, times = 1, skip = 0): { readonly hits: number } {
    const fault = { method, route, response, left: times, skip, hits: 0 };
    this.list.push(fault);
    return fault;
  }

  /** Removes every fault. */
  clear(): void {
    this.list.length = 0;
  }

  /** The injected response for this call, if one is armed (using up one of its times). */
  take(method: string, path: string): FaultResponse | undefined {
    const fault = this.list.find((f) => f.left > 0 && f.method === method && f.route.test(path));
    if (!fault) return undefined;
    if (fault.skip > 0) {
      fault.skip--;
      return undefined;
    }
    fault.left--;
    fault.hits++;
    return fault.response;
  }
}

import { InProcessLimiter } from './limiter.js';

describe('InProcessLimiter (the embedded mode)', () => {
  test('a rate: requests inside the window pass, one that would wait past the deadline is refused, not sent', async () => {
    const limiter = new InProcessLimiter();
    const rate = { points: 2, seconds: 60 };
    await limiter.pace('ghcr.io:443', rate, 5_000);
    await limiter.pace('ghcr.io:443', rate, 5_000);
    await expect(limiter.pace('ghcr.io:443', rate, 5_000)).rejects.toMatchObject({
      kind: 'own-limit',
      message: expect.stringMatching(/^imagepin's own limit of 2\/m for ghcr\.io:443 would delay this request by \d+(\.\d)? s, past the analysis deadline$/),
    });
    // Another host has its own window.
    await limiter.pace('quay.io:443', rate, 5_000);
  });

  test('a rate wait that fits in the deadline is waited for, then the request goes', async () => {
    const waits: number[] = [];
    const limiter = new InProcessLimiter(async (ms) => {
      waits.push(ms);
      await new Promise((resolve) => setTimeout(resolve, ms));
    });
    const rate = { points: 1, seconds: 1 };
    await limiter.pace('h:443', rate, 10_000);
    await limiter.pace('h:443', rate, 10_000);
    expect(waits.length).toBeGreaterThan(0);
    expect(waits.every((ms) => ms > 0 && ms <= 1_000)).toBe(true);
  });

  test('slots: never more than the limit at once per host', async () => {
    const limiter = new InProcessLimiter();
    let running = 0;
    let most = 0;
    const waiting: (() => void)[] = [];
    const work = () => new Promise<void>((resolve) => {
      most = Math.max(most, ++running);
      waiting.push(() => resolve(void running--));
    });
    const all = Promise.all(Array.from({ length: 10 }, () => limiter.slot('h:443', { concurrency: 3 }, 1_000, work)));
    for (let done = 0; done < 10; ) {
      const next = waiting.shift();
      if (next) {
        next();
        done++;
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
    await all;
    expect(most).toBe(3);
  });
});

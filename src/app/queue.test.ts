import { InProcessQueue, type Job } from './queue.js';

function job(id: string, log: string[], gate?: Promise<void>): Job {
  return {
    id,
    async run() {
      log.push(`start ${id}`);
      await gate;
      log.push(`end ${id}`);
    },
  };
}

test('per key: one at a time, the last waiting job replaces earlier waiting ones, duplicates are refused', async () => {
  const log: string[] = [];
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  const queue = new InProcessQueue(2);
  expect(queue.enqueue('pr#1', job('sha1', log, gate))).toBe(true);
  expect(queue.enqueue('pr#1', job('sha1', log))).toBe(false);
  expect(queue.enqueue('pr#1', job('sha2', log))).toBe(true);
  expect(queue.enqueue('pr#1', job('sha3', log))).toBe(true);
  expect(queue.enqueue('pr#1', job('sha3', log))).toBe(false);
  expect(queue.enqueue('pr#2', job('other', log))).toBe(true);
  open();
  await queue.onIdle();
  // Keys run in parallel, so only the order within a key is defined.
  expect(log.filter((l) => !l.includes('other'))).toEqual(['start sha1', 'end sha1', 'start sha3', 'end sha3']);
  expect(log.filter((l) => l.includes('other'))).toEqual(['start other', 'end other']);
  expect(log.indexOf('start other')).toBeLessThan(log.indexOf('end sha1'));
});

test('a failing job is tried again with doubling backoff, reported after the last try, and does not stop the queue', async () => {
  const errors: string[] = [];
  const waits: number[] = [];
  const tries: boolean[] = [];
  const queue = new InProcessQueue(1, (key, err) => errors.push(`${key}: ${(err as Error).message}`), { attempts: 3, backoffMs: 100, sleep: async (ms) => void waits.push(ms) });
  queue.enqueue('a', { id: '1', run: async ({ last }) => (tries.push(last), Promise.reject(new Error('boom'))) });
  const log: string[] = [];
  queue.enqueue('b', job('2', log));
  await queue.onIdle();
  expect([errors, log, tries, waits]).toEqual([['a: boom'], ['start 2', 'end 2'], [false, false, true], [100, 200]]);
});

test('a job that fails once and then succeeds is not reported', async () => {
  const errors: unknown[] = [];
  let calls = 0;
  const queue = new InProcessQueue(1, (_key, err) => errors.push(err), { attempts: 3, backoffMs: 1, sleep: async () => undefined });
  queue.enqueue('a', {
    id: '1',
    run: async () => {
      if (calls++ === 0) throw new Error('once');
    },
  });
  await queue.onIdle();
  expect([errors, calls]).toEqual([[], 2]);
});

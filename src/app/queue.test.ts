import { JOB_VERSION, type JobData } from './jobs.js';
import { InProcessQueue } from './queue.js';

const job = (number: number, delivery: string): JobData => ({ v: JOB_VERSION, kind: 'analyze', installation: 1, owner: 'acme', repo: 'gitops', number, delivery, htmlUrl: 'https://github.com/acme/gitops', force: false });

test('per key: one at a time, the last waiting job replaces earlier waiting ones, duplicates are refused', async () => {
  const log: string[] = [];
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  const queue = new InProcessQueue(async (j) => {
    const name = j.kind === 'analyze' && j.number === 2 ? 'other' : j.delivery;
    log.push(`start ${name}`);
    if (j.delivery === 'sha1') await gate;
    log.push(`end ${name}`);
  }, { concurrency: 2 });
  expect(await queue.enqueue(job(1, 'sha1'))).toBe(true);
  expect(await queue.enqueue(job(1, 'sha1'))).toBe(false);
  expect(await queue.enqueue(job(1, 'sha2'))).toBe(true);
  expect(await queue.enqueue(job(1, 'sha3'))).toBe(true);
  expect(await queue.enqueue(job(1, 'sha3'))).toBe(false);
  expect(await queue.enqueue(job(2, 'x'))).toBe(true);
  open();
  await queue.onIdle();
  // Keys run in parallel, so only the order within a key is defined.
  expect(log.filter((l) => !l.includes('other'))).toEqual(['start sha1', 'end sha1', 'start sha3', 'end sha3']);
  expect(log.filter((l) => l.includes('other'))).toEqual(['start other', 'end other']);
  expect(log.indexOf('start other')).toBeLessThan(log.indexOf('end sha1'));
});

test('a job that throws is tried again after a doubling backoff, told which try is the last, then reported; the queue goes on', async () => {
  const errors: string[] = [];
  const waits: number[] = [];
  const tries = new Map<string, boolean[]>();
  const queue = new InProcessQueue(async (j, { last }) => {
    tries.set(j.delivery, [...(tries.get(j.delivery) ?? []), last]);
    if (j.delivery === 'bad' || (j.delivery === 'flaky' && tries.get('flaky')!.length === 1)) throw new Error(`boom ${j.delivery}`);
  }, { concurrency: 1, retry: { attempts: 3, backoffMs: 100, sleep: async (ms) => void waits.push(ms) }, onError: (key, err) => errors.push(`${key}: ${(err as Error).message}`) });
  await queue.enqueue(job(1, 'bad'));
  await queue.enqueue(job(2, 'flaky'));
  await queue.onIdle();
  expect({ errors, tries: Object.fromEntries(tries), waits }).toEqual({ errors: ['acme/gitops#1: boom bad'], tries: { bad: [false, false, true], flaky: [false, false] }, waits: [100, 200, 100] });
});

test('a closed queue refuses new jobs, so the webhook is not acknowledged for work nobody will do', async () => {
  const queue = new InProcessQueue(async () => undefined);
  await queue.close();
  await expect(queue.enqueue(job(1, 'late'))).rejects.toThrow('shutting down');
});

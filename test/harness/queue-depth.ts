import { Queue } from 'bullmq';

/**
 * Waits until the fleet's BullMQ queue in Redis holds no job waiting, running or delayed (the
 * deployment scheduler's next round aside), reading BullMQ's own counts: the queue has settled.
 */
export async function queueSettled(redisUrl: string, prefix = 'imagepin', tries = 600): Promise<void> {
  const url = new URL(redisUrl);
  const queue = new Queue('jobs', { prefix, connection: { host: url.hostname, port: Number(url.port), password: url.password ? decodeURIComponent(url.password) : undefined } });
  try {
    let last = '';
    for (let i = 0; i < tries; i++) {
      const counts = await queue.getJobCounts('wait', 'active', 'prioritized', 'waiting-children');
      const delayed = (await queue.getDelayed()).filter((job) => job.name !== 'round').length;
      last = JSON.stringify({ ...counts, delayed });
      if (Object.values(counts).every((n) => n === 0) && delayed === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`the queue never settled: ${last}`);
  } finally {
    await queue.close();
  }
}

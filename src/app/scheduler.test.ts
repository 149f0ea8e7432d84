import { ManualClock } from '../../test/harness/clock.js';
import { SweepScheduler } from './scheduler.js';

const HOUR = 3_600_000;
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('sweep scheduler', () => {
  it('sweeps each installation once per interval, at its own offset', async () => {
    const clock = new ManualClock(0);
    const runs: [number, number][] = [];
    const offsets = [0.25, 0.75];
    const scheduler = new SweepScheduler({ clock, intervalMs: HOUR, random: () => offsets.shift() ?? 0, installations: async () => [1, 2], sweep: async (id) => void runs.push([id, clock.now()]), onError: (err) => { throw err; } });
    scheduler.start();
    await settle();
    clock.advance(3 * HOUR);
    expect(runs).toEqual([[1, 0.25 * HOUR], [2, 0.75 * HOUR], [1, 1.25 * HOUR], [2, 1.75 * HOUR], [1, 2.25 * HOUR], [2, 2.75 * HOUR]]);
    scheduler.stop();
    expect(clock.pending).toBe(0);
  });

  it('picks up new installations and drops removed ones at the next refresh; a failed sweep does not stop the schedule', async () => {
    const clock = new ManualClock(0);
    let installed = [1];
    const runs: number[] = [];
    const errors: unknown[] = [];
    const scheduler = new SweepScheduler({ clock, intervalMs: HOUR, random: () => 0.5, installations: async () => installed, sweep: async (id) => { runs.push(id); if (id === 1) throw new Error('GitHub is down'); }, onError: (err) => errors.push(err) });
    scheduler.start();
    await settle();
    clock.advance(HOUR - 1);
    installed = [2];
    clock.advance(1);
    await settle();
    expect(scheduler.installations).toEqual([2]);
    clock.advance(HOUR);
    await settle();
    expect(runs).toEqual([1, 2]);
    expect(errors).toHaveLength(1);
    scheduler.stop();
  });
});

/**
 * Polls `done` (the fake GitHub, a replica, an endpoint: whatever is the source of truth) until it
 * holds, every `everyMs`, at most `tries` times; fails naming `what` otherwise. A condition to wait
 * for, never a fixed sleep.
 */
export async function until(what: string, done: () => boolean | Promise<boolean>, { tries = 600, everyMs = 50 } = {}): Promise<void> {
  for (let i = 0; i < tries; i++) {
    if (await done()) return;
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  if (!(await done())) throw new Error(`never happened: ${what}`);
}

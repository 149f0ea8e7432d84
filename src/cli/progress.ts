import type { Writable } from 'node:stream';

/** A progress line on standard error while registries answer; stop() clears it before the report. */
export interface Progress {
  resolved: (done: number, total: number) => void;
  stop: () => void;
}

/**
 * Whether to draw progress: only for a person watching, so standard error must be a terminal,
 * not `TERM=dumb`, and not under CI (`CI` set, whatever its value, as the spinner library reads it).
 */
export function wantsProgress(stderrIsTTY: boolean, env: NodeJS.ProcessEnv): boolean {
  return stderrIsTTY && env.TERM !== 'dumb' && !('CI' in env);
}

/**
 * Starts a spinner with a count of the unique references resolved. yocto-spinner is imported here,
 * on first use, so a scan without a terminal (or `--offline`) never loads it (start-up, decision 15).
 */
export async function startProgress(stream: Writable): Promise<Progress> {
  const { default: yoctoSpinner } = await import('yocto-spinner');
  const spinner = yoctoSpinner({ text: 'reading files', stream }).start();
  return {
    resolved: (done, total) => {
      spinner.text = done < total ? `resolving image references: ${done} of ${total}` : `${total} references resolved; checking mirrors and releases`;
    },
    stop: () => void spinner.stop(),
  };
}

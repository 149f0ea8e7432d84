import type { HarborClient } from '../harbor/client.js';
import { HarborProtection } from '../harbor/protection.js';
import { durationMs } from '../signals.js';
import type { ProtectionBackend } from './backend.js';
import type { ProtectionSettings } from './protect.js';
import { InMemoryProtectionStore, type ProtectionStore } from './store.js';

/** A repository that stopped sweeping (uninstalled, archived) lets go of its images after a week. */
export const CONTRIBUTION_TTL_MS = 7 * 86_400_000;

/** The protection backends for the registries the operator configured: one line per backend. */
export function protectionBackends(harbor: HarborClient | undefined): ProtectionBackend[] {
  return [...(harbor ? [new HarborProtection(harbor)] : [])];
}

/**
 * IMAGEPIN_PROTECT (off | dry-run | on, default off) and IMAGEPIN_PROTECT_ROLLBACK_WINDOW
 * (default 3). Narrowing waits one sweep interval after a start (`interval`, or never when the
 * schedule is off), so a store that lost its state never lets go of another repository's images.
 * A value that is not understood stops the app with what to write instead.
 */
export function protectionFromEnv(env: NodeJS.ProcessEnv, harbor: HarborClient | undefined, interval: string, now: number, store?: ProtectionStore): ProtectionSettings | undefined {
  const mode = env.IMAGEPIN_PROTECT ?? 'off';
  if (mode !== 'off' && mode !== 'dry-run' && mode !== 'on') throw new Error(`IMAGEPIN_PROTECT must be off, dry-run or on (got "${mode}")`);
  const window = Number(env.IMAGEPIN_PROTECT_ROLLBACK_WINDOW ?? 3);
  if (!Number.isInteger(window) || window < 1 || window > 20) throw new Error(`IMAGEPIN_PROTECT_ROLLBACK_WINDOW must be a whole number from 1 to 20 (got "${env.IMAGEPIN_PROTECT_ROLLBACK_WINDOW}")`);
  if (mode === 'off') return undefined;
  return {
    mode,
    backends: protectionBackends(harbor),
    store: store ?? new InMemoryProtectionStore(now),
    rollbackWindow: window,
    ...(interval === 'off' ? {} : { narrowAfterMs: durationMs(interval) }),
    ttlMs: CONTRIBUTION_TTL_MS,
  };
}

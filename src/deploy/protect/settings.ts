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
 * IMAGEPIN_PROTECT (off | dry-run | on, default off), IMAGEPIN_PROTECT_ROLLBACK_WINDOW (default 3)
 * and IMAGEPIN_PROTECT_SETTLE: how long after a start protection only adds, so that a store that
 * lost its state never lets go of another repository's images before every repository swept
 * again (default: the sweep interval; `never`, the default when the schedule is off, only adds).
 * A value that is not understood stops the app with what to write instead.
 */
export function protectionFromEnv(env: NodeJS.ProcessEnv, harbor: HarborClient | undefined, interval: string, now: number, store?: ProtectionStore): ProtectionSettings | undefined {
  const mode = env.IMAGEPIN_PROTECT ?? 'off';
  if (mode !== 'off' && mode !== 'dry-run' && mode !== 'on') throw new Error(`IMAGEPIN_PROTECT must be off, dry-run or on (got "${mode}")`);
  const window = Number(env.IMAGEPIN_PROTECT_ROLLBACK_WINDOW ?? 3);
  if (!Number.isInteger(window) || window < 1 || window > 20) throw new Error(`IMAGEPIN_PROTECT_ROLLBACK_WINDOW must be a whole number from 1 to 20 (got "${env.IMAGEPIN_PROTECT_ROLLBACK_WINDOW}")`);
  const settle = env.IMAGEPIN_PROTECT_SETTLE ?? (interval === 'off' ? 'never' : interval);
  if (settle !== 'never' && !/^\d+(m|h|d)$/.test(settle)) throw new Error(`IMAGEPIN_PROTECT_SETTLE must be a duration (30m, 1h, 1d) or never (got "${settle}")`);
  if (mode === 'off') return undefined;
  return {
    mode,
    backends: protectionBackends(harbor),
    store: store ?? new InMemoryProtectionStore(now),
    rollbackWindow: window,
    ...(settle === 'never' ? {} : { narrowAfterMs: durationMs(settle) }),
    ttlMs: CONTRIBUTION_TTL_MS,
  };
}

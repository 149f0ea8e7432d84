import { defaultConfig } from '../../config/schema.js';
import { SignalReader } from '../signals.js';
import type { HistoryCommit } from '../types.js';
import { rollbackRevisions } from './protected-set.js';
import { protectionFromEnv } from './settings.js';

/** m6 (head) → m1, with Flux statuses per unit: apps deployed m5, m4, m2, m1; infra m3 and m1. */
const statuses: Record<string, string[]> = { m5: ['apps'], m4: ['apps'], m3: ['infra'], m2: ['apps'], m1: ['apps', 'infra'] };
const history: HistoryCommit[] = ['m6', 'm5', 'm4', 'm3', 'm2', 'm1'].map((sha, i, all) => ({
  sha, parents: all[i + 1] ? [all[i + 1]!] : [], date: '2026-11-20T10:00:00Z', message: sha, deployments: [],
  statuses: (statuses[sha] ?? []).map((unit) => ({ context: `kustomization/${unit}/1`, state: 'success' })),
}));
const reader = new SignalReader(defaultConfig().deployments);

describe('the protected set', () => {
  it('keeps each unit\'s newest deployed revisions as its rollback window, newest first', () => {
    expect(rollbackRevisions(history, reader, 3)).toEqual(['m5', 'm4', 'm3', 'm2', 'm1']);
    expect(rollbackRevisions(history, reader, 1)).toEqual(['m5', 'm3']);
    expect(rollbackRevisions(history, reader, 2)).toEqual(['m5', 'm4', 'm3', 'm1']);
  });

  it('reads its operator settings, and refuses values it does not understand with what to write', () => {
    expect(protectionFromEnv({}, undefined, '1h', 0)).toBeUndefined();
    const on = protectionFromEnv({ IMAGEPIN_PROTECT: 'on' }, undefined, '1h', 0)!;
    expect([on.mode, on.rollbackWindow, on.narrowAfterMs, on.backends]).toEqual(['on', 3, 3_600_000, []]);
    const dry = protectionFromEnv({ IMAGEPIN_PROTECT: 'dry-run', IMAGEPIN_PROTECT_ROLLBACK_WINDOW: '5' }, undefined, 'off', 0)!;
    expect([dry.mode, dry.rollbackWindow, dry.narrowAfterMs]).toEqual(['dry-run', 5, undefined]);
    expect(() => protectionFromEnv({ IMAGEPIN_PROTECT: 'yes' }, undefined, '1h', 0)).toThrow('IMAGEPIN_PROTECT must be off, dry-run or on (got "yes")');
    expect(() => protectionFromEnv({ IMAGEPIN_PROTECT_ROLLBACK_WINDOW: '0' }, undefined, '1h', 0)).toThrow('IMAGEPIN_PROTECT_ROLLBACK_WINDOW must be a whole number from 1 to 20 (got "0")');
    expect(() => protectionFromEnv({ IMAGEPIN_PROTECT_SETTLE: 'soon' }, undefined, '1h', 0)).toThrow('IMAGEPIN_PROTECT_SETTLE must be a duration (30m, 1h, 1d) or never (got "soon")');
  });
});

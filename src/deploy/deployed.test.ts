import { defaultConfig } from '../config/schema.js';
import { DeployedView } from './deployed.js';
import { SignalReader, durationMs } from './signals.js';
import type { HistoryCommit } from './types.js';

/** A first-parent line m5 → m1 (newest first), plus a side commit `x` merged into m4. */
function history(statuses: Record<string, [string, string][]>, deployments: Record<string, [string, string][]> = {}): HistoryCommit[] {
  const commit = (sha: string, parents: string[]): HistoryCommit => ({
    sha, parents, date: '2026-11-20T10:00:00Z', message: sha,
    statuses: (statuses[sha] ?? []).map(([context, state]) => ({ context, state })),
    deployments: (deployments[sha] ?? []).map(([environment, state]) => ({ environment, state })),
  });
  return [commit('m5', ['m4']), commit('m4', ['m3', 'x']), commit('x', ['m2']), commit('m3', ['m2']), commit('m2', ['m1']), commit('m1', [])];
}

const reader = new SignalReader(defaultConfig().deployments);
const asked: string[] = [];
const compare = async (a: string, d: string): Promise<boolean> => {
  asked.push(`${a}...${d}`);
  return a === 'm2' && d === 'x';
};
const view = (h: HistoryCommit[]) => new DeployedView(h, reader.latest(h), compare);

describe('what is deployed', () => {
  beforeEach(() => (asked.length = 0));

  it('reads Flux and Argo CD statuses and successful or superseded deployments, nothing else', () => {
    const h = history({ m3: [['kustomization/apps/8f2a1c', 'success'], ['ci/build', 'success'], ['continuous-delivery/web', 'failure']], m2: [['continuous-delivery/web', 'SUCCESS']] }, { m4: [['production', 'INACTIVE'], ['staging', 'FAILURE']] });
    expect([...reader.latest(h).values()].map((s) => `${s.unit}@${s.sha} ${s.source}`)).toEqual(['production@m4 deployment:production', 'apps@m3 kustomization/apps/8f2a1c', 'web@m2 continuous-delivery/web']);
  });

  it('follows the first-parent line: a later deployed merge contains the earlier ones', async () => {
    const v = view(history({ m4: [['kustomization/apps/1', 'success']] }));
    expect(v.chain.map((c) => c.sha)).toEqual(['m5', 'm4', 'm3', 'm2', 'm1']);
    expect(await v.deployed('m3', ['apps'])).toBe(true);
    expect(await v.deployed('m5', ['apps'])).toBe(false);
    expect(await v.deployed('m3', [])).toBe(true);
    expect(asked).toEqual([]);
  });

  it('asks the compare API about a deployed commit off the first-parent line, once per pair', async () => {
    const v = view(history({ x: [['kustomization/apps/1', 'success']] }));
    expect(await v.deployed('m2', ['apps'])).toBe(true);
    expect(await v.deployed('m2', ['apps'])).toBe(true);
    expect(await v.deployed('m3', ['apps'])).toBe(false);
    expect(asked).toEqual(['m2...x', 'm3...x']);
  });

  it('needs every unit a merge touches; a unit that never reported accepts any deployment', async () => {
    const v = view(history({ m4: [['kustomization/apps/1', 'success']], m2: [['kustomization/infra/1', 'success']] }));
    expect(await v.deployed('m3', ['apps', 'infra'])).toBe(false);
    expect(await v.deployed('m3', ['apps', 'monitoring'])).toBe(true);
    expect(v.revisions()).toEqual(['m4', 'm2']);
  });

  it('parses grace periods', () => {
    expect([durationMs('30m'), durationMs('2h'), durationMs('1d')]).toEqual([1_800_000, 7_200_000, 86_400_000]);
    expect(() => durationMs('2 hours')).toThrow('invalid duration');
  });
});

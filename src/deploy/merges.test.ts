import { defaultConfig } from '../config/schema.js';
import type { Octokit } from '../sources/github-pr.js';
import { DeployedView } from './deployed.js';
import { undeployedMerges } from './merges.js';
import { SignalReader } from './signals.js';
import type { HistoryCommit, TrackedMerge } from './types.js';

const commit = (sha: string, parent: string | undefined, statuses: [string, string][] = []): HistoryCommit => ({ sha, parents: parent ? [parent] : [], date: '2026-11-23T08:00:00Z', message: sha, statuses: statuses.map(([context, state]) => ({ context, state })), deployments: [] });
const tracked = (sha: string): TrackedMerge => ({ sha, date: '2026-11-20T08:00:00Z', message: sha, paths: ['apps/x.yaml'], units: ['apps'], images: [] });

describe('undeployed merges the issue already tracks', () => {
  it('are checked again when this sweep does not examine them: by position on the first-parent line, else by the compare API', async () => {
    const history = [commit('c3', 'c2'), commit('c2', 'c1', [['kustomization/apps/1', 'success']]), commit('c1', undefined)];
    const asked: string[] = [];
    const view = new DeployedView(history, new SignalReader(defaultConfig().deployments).latest(history), async (a, d) => {
      asked.push(`${a}...${d}`);
      return a === 'gone-deployed';
    });
    // Nothing in the window is past the grace period, so nothing is read from GitHub.
    const octokit = new Proxy({}, { get: () => { throw new Error('no GitHub call expected'); } }) as Octokit;
    const known = new Map(['c3', 'c1', 'gone-deployed', 'gone-waiting'].map((sha) => [sha, tracked(sha)]));
    const out = await undeployedMerges({ octokit, repo: { owner: 'acme', repo: 'gitops' }, view, units: [], before: Date.parse('2026-11-22T00:00:00Z'), known });
    expect(out.map((m) => m.sha)).toEqual(['c3', 'gone-waiting']);
    expect(asked).toEqual(['gone-deployed...c2', 'gone-waiting...c2']);
  });
});

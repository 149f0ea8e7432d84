import type { Occurrence } from './occurrence.js';

/**
 * What Crossplane does with the package an occurrence names (decision 0071): a Provider's or
 * Function's package is also, by default, the image of the Deployment Crossplane runs for it (`runs`); a
 * Configuration's is pulled and installed, and no container runs it (`installs`). Undefined for
 * anything that is not a Crossplane package line. That Deployment pulls with the package's
 * `packagePullPolicy`, IfNotPresent when none is written, for every tag, `latest` too.
 */
export function crossplanePackage(occ: Occurrence): 'runs' | 'installs' | undefined {
  if (occ.format !== 'crd' || occ.path.length !== 2 || occ.path[0] !== 'spec' || occ.path[1] !== 'package') return undefined;
  const kind = occ.workload?.kind;
  return kind === 'Configuration' ? 'installs' : kind === 'Provider' || kind === 'Function' ? 'runs' : undefined;
}

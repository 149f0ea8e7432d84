import { short, spanOf } from '../describe.js';
import { isInCluster, mirrorsFor } from '../mirrors.js';
import type { Draft, OccurrenceInput, Rule, RuleContext } from '../types.js';

/**
 * The registry's own images pulled through the mirror it serves (incident 2): when the registry
 * pod is rescheduled, the node asks the registry for the registry's image, and nothing answers.
 */
export const registrySelfPull: Rule = {
  id: 'registry-self-pull',
  severity: 'error',
  summary: "The registry's own images are pulled through the mirror they serve",
  occurrence({ occ, ctx }) {
    const ref = occ.reference;
    if (!ref || !ctx.isRegistryImage(`${ref.registry}/${ref.repository}`)) return undefined;
    for (const mirror of mirrorsFor(ref.registry, ctx.mirrors)) {
      const first = mirror.endpoints[0];
      if (!first || !isInCluster(first, ctx.config)) continue;
      // Talos falls back to the upstream registry unless skipFallback; containerd to `server` (the registry itself by default).
      const trapped = mirror.source === 'talos' ? mirror.skipFallback === true : mirror.server !== undefined && isInCluster({ url: mirror.server, span: mirror.span }, ctx.config);
      return {
        message: `\`${short(ref)}\` is part of the in-cluster registry, but nodes pull ${ref.registry} images through it (${first.url}, ${mirror.file}:${first.span.start.line}): when the registry pod restarts, the node cannot pull the registry itself${trapped ? ', and there is no upstream fallback' : ' and waits on it before falling back'}.`,
        fix: `Pull the registry's own images from upstream or a second registry: give them another registry name than ${ref.registry}, or exclude them from the node mirror.`,
        span: spanOf(occ, ['repository', 'image']),
      };
    }
    return byHostName(occ, ctx);
  },
};

/**
 * The registry's own images pulled by the registry's own host name (`harbor.example.com/dockerhub/goharbor/...`):
 * the name comes from `inClusterRegistryHosts` or from the tree (Harbor externalURL, its Ingress hosts).
 */
function byHostName(occ: OccurrenceInput['occ'], ctx: RuleContext): Draft | undefined {
  const ref = occ.reference!;
  const known = ctx.registryHosts?.find((h) => h.host === ref.registry);
  const configured = ctx.config.inClusterRegistryHosts.includes(ref.registry);
  if (!known && !configured) return undefined;
  const where = known ? `${known.source}, ${known.file}:${known.span.start.line}` : 'inClusterRegistryHosts';
  return {
    message: `\`${short(ref)}\` is part of the in-cluster registry, but it is pulled from ${ref.registry}, which is that registry itself (${where}): when the registry pod restarts, no node can pull the registry's own image.`,
    fix: `Pull the registry's own images from upstream or a second registry, not through ${ref.registry}.`,
    span: spanOf(occ, ['registry', 'repository', 'image']),
  };
}

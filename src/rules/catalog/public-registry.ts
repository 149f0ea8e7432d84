import { DOCKER_HUB, familiarName } from '../../model/reference.js';
import { short, spanOf } from '../describe.js';
import type { Rule } from '../types.js';

/** Registries anyone can pull from, for `requireMirror`. */
export const PUBLIC_REGISTRIES = new Set([DOCKER_HUB, 'quay.io', 'ghcr.io', 'registry.k8s.io', 'k8s.gcr.io', 'gcr.io', 'mcr.microsoft.com', 'public.ecr.aws',
  'registry.gitlab.com', 'docker.elastic.co', 'nvcr.io', 'cr.l5d.io']);

/** An image pulled from a public registry that has a mirror, or from any public one with requireMirror (incident 3). */
export const publicRegistry: Rule = {
  id: 'public-registry',
  severity: 'warning',
  summary: 'An image from a public registry that has a configured mirror (or any public registry, with requireMirror)',
  occurrence({ occ, ctx }) {
    const ref = occ.reference;
    if (!ref || occ.skipReason === 'templated') return undefined;
    const mirror = ctx.config.mirrors[ref.registry];
    if (!mirror && !(ctx.config.requireMirror && PUBLIC_REGISTRIES.has(ref.registry))) return undefined;
    const risk = ref.registry === DOCKER_HUB ? 'Docker Hub rate-limits pulls, which stops pods from starting mid-upgrade' : `an outage of ${ref.registry} stops pods from starting`;
    return {
      message: `\`${short(ref)}\` is pulled from ${ref.registry}${mirror ? ` although the mirror ${mirror} is configured` : ''}: ${risk}.`,
      fix: mirror
        ? `Use the mirror: \`${mirror.replace(/\/+$/, '')}/${ref.repository}${ref.tag ? `:${ref.tag}` : ''}\` (after checking it serves the same digest).`
        : `Mirror ${familiarName(ref)} into your own registry, add it to \`mirrors\` in .github/imagepin.yml, and pull from there.`,
      span: spanOf(occ, ['registry', 'repository', 'image']),
    };
  },
};

import { DOCKER_HUB, familiarName, type ImageReference } from '../../model/reference.js';
import type { Resolution } from '../../resolver/types.js';
import { short, spanOf } from '../describe.js';
import type { OccurrenceInput, Rule } from '../types.js';

/** Registries anyone can pull from, for `requireMirror`. */
export const PUBLIC_REGISTRIES = new Set([DOCKER_HUB, 'quay.io', 'ghcr.io', 'registry.k8s.io', 'k8s.gcr.io', 'gcr.io', 'mcr.microsoft.com', 'public.ecr.aws',
  'registry.gitlab.com', 'docker.elastic.co', 'nvcr.io', 'cr.l5d.io']);

const d = (digest: string | undefined): string => (digest ? `${digest.slice(0, 19)}…` : 'no digest');

/**
 * The mirror's state, as imagepin checked it, and the fix that goes with it: same digest (switch),
 * another digest or absent (sync the mirror first), unreachable or not asked (say so).
 */
function mirrorState(at: string, input: Pick<OccurrenceInput, 'resolution' | 'mirror' | 'ctx'>): { state: string; fix: string } {
  const { resolution, mirror, ctx } = input;
  const original: Resolution | undefined = resolution;
  if (!mirror) {
    return { state: ctx.offline ? 'imagepin did not check the mirror (offline)' : 'imagepin did not check the mirror', fix: `Use the mirror: \`${at}\`, after checking it serves the same digest.` };
  }
  if (mirror.status === 'unresolved') {
    if (mirror.error?.kind === 'not-found') return { state: `the mirror does not have \`${at}\``, fix: `Replicate the image into the mirror, then use \`${at}\`.` };
    return { state: `the mirror could not be checked (${mirror.error?.message ?? 'no answer'})`, fix: `Use the mirror: \`${at}\`, once it answers and serves the same digest.` };
  }
  if (original?.status !== 'resolved' || !original.digest) {
    return { state: `the mirror serves ${mirror.digest ? `\`${mirror.digest}\`` : 'no digest'}, but the original could not be resolved to compare`, fix: `Use the mirror: \`${at}\`, after checking it serves the same digest.` };
  }
  if (mirror.digest === original.digest) return { state: `the mirror serves the same digest (${d(mirror.digest)})`, fix: `Use the mirror: \`${at}\`.` };
  // In full: a reviewer compares the two, and syncs the mirror by them.
  return { state: `the mirror serves another digest for it: \`${mirror.digest}\`, upstream \`${original.digest}\``, fix: `Sync the mirror (it holds an older or other build), then use \`${at}\`.` };
}

function mirroredAt(mirror: string, ref: ImageReference): string {
  return `${mirror.replace(/\/+$/, '')}/${ref.repository}${ref.tag ? `:${ref.tag}` : ''}`;
}

/** An image pulled from a public registry that has a mirror, or from any public one with requireMirror (incident 3). */
export const publicRegistry: Rule = {
  id: 'public-registry',
  severity: 'warning',
  summary: 'An image from a public registry that has a configured mirror (or any public registry, with requireMirror)',
  occurrence({ occ, resolution, mirror: answer, ctx }) {
    const ref = occ.reference;
    if (!ref || occ.skipReason === 'templated') return undefined;
    const mirror = ctx.config.mirrors[ref.registry];
    if (!mirror && !(ctx.config.requireMirror && PUBLIC_REGISTRIES.has(ref.registry))) return undefined;
    const risk = ref.registry === DOCKER_HUB ? 'Docker Hub rate-limits pulls, which stops pods from starting mid-upgrade' : `an outage of ${ref.registry} stops pods from starting`;
    if (!mirror) {
      return {
        message: `\`${short(ref)}\` is pulled from ${ref.registry}: ${risk}.`,
        fix: `Mirror ${familiarName(ref)} into your own registry, add it to \`mirrors\` in .github/imagepin.yml, and pull from there.`,
        span: spanOf(occ, ['registry', 'repository', 'image']),
      };
    }
    const { state, fix } = mirrorState(mirroredAt(mirror, ref), { resolution, mirror: answer, ctx });
    return {
      message: `\`${short(ref)}\` is pulled from ${ref.registry} although the mirror ${mirror} is configured: ${risk}; ${state}.`,
      fix,
      span: spanOf(occ, ['registry', 'repository', 'image']),
    };
  },
};

import type { SemVer } from 'semver';
import coerce from 'semver/functions/coerce.js';
import lt from 'semver/functions/lt.js';
import { DEFAULT_STATEFUL_IMAGES } from '../../config/constants.js';
import type { Occurrence } from '../../model/occurrence.js';
import { short, spanOf } from '../describe.js';
import type { Rule } from '../types.js';

/** A known database or queue by its repository's last segment (configurable), or any image of a StatefulSet. */
export function isStateful(occ: Occurrence, extra: readonly string[]): boolean {
  const name = occ.reference?.repository.split('/').pop() ?? '';
  return [...DEFAULT_STATEFUL_IMAGES, ...extra].includes(name) || occ.workload?.kind === 'StatefulSet';
}

function version(occ: Occurrence | undefined): SemVer | null {
  const tag = occ?.reference?.tag;
  return tag ? coerce(tag, { loose: true }) : null;
}

/**
 * A major upgrade or any downgrade of a stateful image against the base branch (incident 1:
 * PostgreSQL 14 data met a 13 binary). Stateful: a known database or queue by the last segment of
 * its repository (the list is configurable), or any image of a StatefulSet.
 */
export const statefulMajorChange: Rule = {
  id: 'stateful-major-change',
  severity: 'error',
  summary: 'A major version change or a downgrade of a stateful image against the base branch',
  occurrence({ occ, base, ctx }) {
    const ref = occ.reference;
    if (!ref || !base?.reference) return undefined;
    const stateful = isStateful(occ, ctx.config.statefulImages);
    const now = version(occ);
    const before = version(base);
    if (!stateful || !now || !before) return undefined;
    const change = `${base.reference.tag} → ${ref.tag}`;
    if (lt(now, before)) {
      return {
        message: `\`${short(ref)}\` is a downgrade of a stateful image (${change}): data written by the newer version may not be readable by the older one.`,
        fix: 'Restore from a backup taken before the upgrade instead of rolling the image back, or keep the newer version.',
        span: spanOf(occ),
      };
    }
    if (now.major > before.major) {
      return {
        message: `\`${short(ref)}\` is a major upgrade of a stateful image (${change}): the data directory may need a migration, and reverting this change will not revert the data.`,
        fix: 'Follow the upgrade procedure (for PostgreSQL: pg_upgrade or dump and restore), and take a backup first.',
        span: spanOf(occ),
      };
    }
    return undefined;
  },
};

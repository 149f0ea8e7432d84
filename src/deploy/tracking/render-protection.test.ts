import { renderIssue, type Report } from './render.js';
import type { ProtectionReport } from '../protect/types.js';

const report = (protection: ProtectionReport, risks = 0): Report => ({
  now: Date.parse('2026-11-23T12:00:00Z'), merges: [], missing: [], notes: [], deployed: [], waiting: new Map(), protection,
  risks: Array.from({ length: risks }, () => ({ image: 'x', reason: 'r', suggestion: 's' })),
});
const base: ProtectionReport = { mode: 'on', projects: [], unprotectable: [], unavailable: [], faults: [], notes: [] };

describe('the retention protection section', () => {
  it('names each failure, what is not protected and where protection is not available', () => {
    const body = renderIssue(report({
      ...base,
      projects: [{ label: 'Harbor project `apps`', covered: ['api:1.0.0 (deployed)'], uncovered: ['web:2.0.0 (default branch)'], changes: ['create a rule protecting `team/web`: 2.0.0'], applied: false }],
      faults: ['Harbor project `apps`: protection was not brought up to date (nothing was changed: boom); the next sweep tries again.'],
      unprotectable: ['`api:latest`: floating'],
      unavailable: ['docker.io', 'quay.io'],
    }), { v: 1, merges: [], commented: [] });
    expect(body).toContain('## Retention protection');
    expect(body).toContain('- :x: Harbor project `apps`: protection was not brought up to date (nothing was changed: boom); the next sweep tries again.');
    expect(body).toContain('- Harbor project `apps`: `api:1.0.0` (deployed)\n- Harbor project `apps`: **not protected**: `web:2.0.0` (default branch)\n  Planned, not made: create a rule protecting `team/web`: 2.0.0.');
    expect(body).toContain('- Not protectable: `api:latest`: floating.');
    expect(body).toContain('- Protection is not available for `docker.io`, `quay.io`: imagepin protects images in Harbor only');
    // A failure is not "all clear".
    expect(body).not.toContain('All merges are deployed');
  });

  it('in a dry run, points at the forecast of what retention deletes without protection', () => {
    expect(renderIssue(report({ ...base, mode: 'dry-run' }, 1), { v: 1, merges: [], commented: [] })).toContain('Without protection, the next retention run deletes the images listed under *Retention risk*.');
    expect(renderIssue(report({ ...base, mode: 'dry-run' }), { v: 1, merges: [], commented: [] })).toContain('Without protection, the forecast finds no image in use that the next retention run deletes.');
  });
});

import type { ProtectionReport } from '../protect/types.js';

/** `builds-api:0.0.130 (deployed)` → `` `builds-api:0.0.130` (deployed) ``. */
const list = (items: string[]): string => items.map((i) => i.replace(/^(\S+)/, '`$1`')).join(', ');

/**
 * The "Retention protection" section: what imagepin's registry rules keep (or, in a dry run,
 * would keep), each failure as one line, and what cannot be protected. `risks` says whether the
 * forecast found images the next retention run deletes (listed under "Retention risk").
 */
export function renderProtection(p: ProtectionReport, risks: number): string[] {
  const out = ['## Retention protection', ''];
  if (p.mode === 'dry-run') {
    out.push('**Dry run** (`IMAGEPIN_PROTECT=dry-run`): nothing was changed in any registry. With `IMAGEPIN_PROTECT=on`, imagepin would keep these images from retention and deletion:', '');
  } else {
    out.push('imagepin keeps these images from retention and deletion (tags in use, at each deployed revision and in the rollback window are made immutable):', '');
  }
  for (const f of p.faults) out.push(`- :x: ${f}`);
  for (const o of p.projects) {
    if (o.covered.length) out.push(`- ${o.label}: ${list(o.covered)}`);
    if (o.uncovered.length) out.push(`- ${o.label}: **not protected**: ${list(o.uncovered)}`);
    if (o.changes.length) out.push(`  ${p.mode === 'dry-run' ? 'Would' : o.applied ? 'This sweep did' : 'Planned, not made'}: ${o.changes.join('; ')}.`);
  }
  if (!p.projects.length && !p.faults.length) out.push('- No image of this repository is in a registry imagepin can protect.');
  for (const u of p.unprotectable) out.push(`- Not protectable: ${u}.`);
  if (p.unavailable.length) out.push(`- Protection is not available for ${p.unavailable.map((r) => `\`${r}\``).join(', ')}: imagepin protects images in Harbor only, so there the forecast is all it can tell.`);
  if (p.mode === 'dry-run') out.push('', risks ? 'Without protection, the next retention run deletes the images listed under *Retention risk*.' : 'Without protection, the forecast finds no image in use that the next retention run deletes.');
  out.push('');
  return out;
}

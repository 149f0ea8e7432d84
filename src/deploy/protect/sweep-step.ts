import type { Config } from '../../config/schema.js';
import type { Inventory } from '../../engine/scan.js';
import type { DeployedView } from '../deployed.js';
import { imagesInUse, type RevisionLabel } from '../in-use.js';
import type { SignalReader } from '../signals.js';
import type { HistoryCommit } from '../types.js';
import { protectImages, type ProtectionSettings } from './protect.js';
import { MAX_PROTECTED_REVISIONS, protectedImages, rollbackRevisions } from './protected-set.js';
import type { ProtectionReport } from './types.js';

export interface ProtectionStepInput {
  settings: ProtectionSettings;
  /** `owner/repo`: whose contribution this is. */
  source: string;
  history: HistoryCommit[];
  reader: SignalReader;
  view: DeployedView;
  config: Config;
  now: number;
  /** The inventory at a revision; the sweep's own reads are reused. */
  inventory: (sha: string) => Promise<Inventory>;
}

/**
 * The sweep's protection step: the protected set of this repository (the head, each unit's last
 * deployed revision and its rollback window), then protection of it. A read that fails leaves the
 * repository's previous contribution in place, so a failure never lets go of a protected image.
 */
export async function protectionStep(input: ProtectionStepInput): Promise<ProtectionReport> {
  const { settings, history, view } = input;
  const head = history[0]!.sha;
  const deployed = new Set(view.revisions());
  const wanted = [...new Set([...view.revisions(), ...rollbackRevisions(history, input.reader, settings.rollbackWindow)])].filter((s) => s !== head);
  const read = wanted.slice(0, MAX_PROTECTED_REVISIONS);
  try {
    const revisions: { label: RevisionLabel; inventory: Inventory }[] = [{ label: 'head', inventory: await input.inventory(head) }];
    for (const sha of read) revisions.push({ label: deployed.has(sha) ? 'deployed' : 'rollback', inventory: await input.inventory(sha) });
    const report = await protectImages(settings, input.source, protectedImages(imagesInUse(revisions, input.config)), input.config.floatingTags, input.now);
    if (wanted.length > read.length) report.notes.push(`Protection read the ${read.length} newest deployed revisions; ${wanted.length - read.length} older ones of the rollback window were not read, and their images are not protected.`);
    return report;
  } catch (err) {
    return { mode: settings.mode, projects: [], unprotectable: [], unavailable: [], notes: [], faults: [`The protected set was not computed (${(err as Error).message}); what was protected stays protected, and the next sweep tries again.`] };
  }
}

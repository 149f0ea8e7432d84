import { shortName } from '../in-use.js';
import type { ProtectionBackend } from './backend.js';
import { unprotectable } from './protected-set.js';
import type { ProtectionStore } from './store.js';
import type { KeptTag, ProjectOutcome, ProtectedImage, ProtectionReport } from './types.js';

/** The operator's protection settings (IMAGEPIN_PROTECT and friends), shared by every sweep. */
export interface ProtectionSettings {
  mode: 'dry-run' | 'on';
  backends: ProtectionBackend[];
  store: ProtectionStore;
  /** Deployed revisions per unit kept restorable (IMAGEPIN_PROTECT_ROLLBACK_WINDOW, default 3). */
  rollbackWindow: number;
  /** Protection is only narrowed once the store has collected this long (a sweep round); undefined: never. */
  narrowAfterMs?: number;
  /** A repository's contribution counts this long after its last sweep (an uninstalled repository lets go then). */
  ttlMs: number;
}

type Located = { backend: ProtectionBackend; project: string; name: string; image: ProtectedImage };

/**
 * One repository's turn: its protected images join the shared protected set, and each registry
 * project they (or its previous contribution) touch is planned from the union over every
 * repository, then applied when protection is on. Each project fails on its own, as one line.
 */
export async function protectImages(settings: ProtectionSettings, source: string, images: ProtectedImage[], floatingTags: readonly string[], now: number): Promise<ProtectionReport> {
  const report: ProtectionReport = { mode: settings.mode, projects: [], unprotectable: [], unavailable: [], faults: [], notes: [] };
  const located: Located[] = [];
  const unavailable = new Set<string>();
  for (const image of images) {
    const backend = settings.backends.find((b) => b.registry === image.ref.registry);
    const at = backend?.locate(image.ref.repository);
    if (!backend || !at) {
      unavailable.add(image.ref.registry);
      continue;
    }
    const why = unprotectable(image, floatingTags);
    if (why) report.unprotectable.push(why);
    else located.push({ backend, ...at, image });
  }
  report.unavailable = [...unavailable].sort();
  const previous = await settings.store.get(source);
  const tags: KeptTag[] = located.map(({ image }) => ({ registry: image.ref.registry, repository: image.ref.repository, tag: image.ref.tag! }));
  await settings.store.put(source, { at: now, tags });
  const narrow = settings.narrowAfterMs !== undefined && now - (await settings.store.since()) >= settings.narrowAfterMs;

  const projects = new Map<string, { backend: ProtectionBackend; project: string }>();
  for (const t of [...tags, ...(previous?.tags ?? [])]) {
    const backend = settings.backends.find((b) => b.registry === t.registry);
    const at = backend?.locate(t.repository);
    if (backend && at) projects.set(`${t.registry}/${at.project}`, { backend, project: at.project });
  }
  for (const [key, { backend, project }] of [...projects].sort(([a], [b]) => a.localeCompare(b))) {
    const mine = located.filter((l) => l.backend === backend && l.project === project);
    const label = `${backend.kind} project \`${project}\``;
    const outcome: ProjectOutcome = { label, covered: [], uncovered: [], changes: [], applied: false };
    const name = (l: Located): string => `${shortName(l.image.ref)} (${l.image.why.join(', ')})`;
    try {
      await settings.store.exclusive(key, async () => {
        const desired = await union(settings, backend, project, now);
        const plan = await backend.plan(project, desired, { narrow });
        report.notes.push(...plan.notes);
        outcome.changes = plan.changes;
        if (plan.blocked) report.faults.push(`${label}: nothing is protected: ${plan.blocked}.`);
        let covers = (n: string, tag: string): boolean => plan.covers(n, tag, plan.blocked ? 'now' : 'planned');
        if (settings.mode === 'on' && !plan.blocked && plan.changes.length) {
          try {
            await plan.apply();
            outcome.applied = true;
          } catch (err) {
            report.faults.push(`${label}: protection was not brought up to date (${(err as Error).message}); the next sweep tries again.`);
            // Some calls may have been made: what is protected now is read again, not guessed.
            const after = await backend.plan(project, desired, { narrow }).catch(() => undefined);
            covers = (n, tag) => after?.covers(n, tag, 'now') ?? false;
          }
        }
        for (const l of mine) (covers(l.name, l.image.ref.tag!) ? outcome.covered : outcome.uncovered).push(name(l));
      });
    } catch (err) {
      report.faults.push(`${label}: protection was not checked (${(err as Error).message}); the next sweep tries again.`);
      outcome.uncovered = mine.map(name);
    }
    if (mine.length || outcome.changes.length) report.projects.push(outcome);
  }
  return report;
}

/** The tags every repository (its contribution still fresh) asks to keep in one project, by repository name. */
async function union(settings: ProtectionSettings, backend: ProtectionBackend, project: string, now: number): Promise<Map<string, Set<string>>> {
  const desired = new Map<string, Set<string>>();
  for (const contribution of (await settings.store.all()).values()) {
    if (now - contribution.at > settings.ttlMs) continue;
    for (const t of contribution.tags) {
      const at = t.registry === backend.registry ? backend.locate(t.repository) : undefined;
      if (at?.project === project) desired.set(at.name, (desired.get(at.name) ?? new Set()).add(t.tag));
    }
  }
  return desired;
}

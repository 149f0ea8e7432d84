import type { ImageReference } from '../../model/reference.js';
import type { RetentionRisk } from '../types.js';
import type { HarborClient } from './client.js';
import { forecast } from './predict.js';
import type { HarborRetentionPolicy, HarborRule } from './types.js';

type Ref = Pick<ImageReference, 'registry' | 'repository' | 'tag' | 'digest'>;

/**
 * Which images the repository uses (or has merged and not deployed) the next retention run of
 * their Harbor project would delete. Harbor failures become notes; the sweep goes on.
 */
export async function retentionRisks(harbor: HarborClient, refs: Ref[], now: number): Promise<{ risks: RetentionRisk[]; notes: string[] }> {
  const risks: RetentionRisk[] = [];
  const notes: string[] = [];
  const byRepo = new Map<string, Ref[]>();
  for (const ref of refs) {
    const slash = ref.repository.indexOf('/');
    if (ref.registry !== harbor.registry || slash < 0) continue;
    byRepo.set(ref.repository, [...(byRepo.get(ref.repository) ?? []), ref]);
  }
  const projects = new Map<string, Promise<{ policy?: HarborRetentionPolicy; immutable: HarborRule[] }>>();
  const projectRules = (name: string) => {
    let rules = projects.get(name);
    if (!rules) {
      rules = (async () => {
        const project = await harbor.project(name);
        const id = project.metadata?.retention_id;
        return { policy: id ? await harbor.retention(id) : undefined, immutable: await harbor.immutableRules(name) };
      })();
      projects.set(name, rules);
    }
    return rules;
  };
  for (const [repository, uses] of byRepo) {
    const project = repository.slice(0, repository.indexOf('/'));
    const name = repository.slice(project.length + 1);
    try {
      const { policy, immutable } = await projectRules(project);
      if (!policy?.rules?.length) continue;
      const artifacts = await harbor.artifacts(project, name);
      const result = forecast(name, artifacts, policy, immutable, now);
      if (result.unknown.length) notes.push(`Harbor project \`${project}\`: retention templates ${result.unknown.join(', ')} are not predicted; their artifacts are assumed kept.`);
      for (const ref of uses) {
        const artifact = artifacts.find((a) => (ref.digest ? a.digest === ref.digest : (a.tags ?? []).some((t) => t.name === ref.tag)));
        const why = artifact && result.deleted.get(artifact.digest);
        if (!why) continue;
        const image = `${name}:${ref.tag ?? ref.digest}`;
        const cron = policy.trigger?.settings?.cron;
        risks.push({
          image: `${harbor.registry}/${repository}:${ref.tag ?? ref.digest}`,
          reason: `The next retention run of Harbor project \`${project}\`${cron ? ` (schedule \`${cron}\`)` : ''} deletes \`${image}\`: ${why}.`,
          suggestion: `Add an immutable-tag rule to project \`${project}\` for repository \`${name}\` and tag \`${ref.tag ?? '**'}\` (or \`**\`); immutable artifacts are never pruned. Or widen the retention rule.`,
        });
      }
    } catch (err) {
      notes.push(`Harbor retention for \`${repository}\` was not checked: ${(err as Error).message}.`);
    }
  }
  return { risks, notes };
}

import type { BackendPlan, ProtectionBackend } from '../protect/backend.js';
import type { HarborClient } from './client.js';
import { groupOf, isOwned, type RuleGroup } from './owned-rules.js';
import { MAX_RULES, planRules } from './rule-plan.js';
import type { HarborRule } from './types.js';

const covers = (groups: RuleGroup[], name: string, tag: string): boolean => groups.some((g) => g.repositories.includes(name) && g.tags.includes(tag));
const describe = (g: RuleGroup): string => `${g.repositories.map((r) => `\`${r}\``).join(', ')}: ${g.tags.join(', ')}`;

/**
 * Protection in Harbor: imagepin-owned immutable-tag rules (see owned-rules.ts for how they are
 * recognised). Immutable tags survive retention runs and cannot be deleted by hand.
 */
export class HarborProtection implements ProtectionBackend {
  readonly kind = 'Harbor';

  constructor(private readonly client: HarborClient, private readonly limit = MAX_RULES) {}

  get registry(): string {
    return this.client.registry;
  }

  locate(repository: string): { project: string; name: string } | undefined {
    const slash = repository.indexOf('/');
    return slash > 0 ? { project: repository.slice(0, slash), name: repository.slice(slash + 1) } : undefined;
  }

  async plan(project: string, desired: Map<string, Set<string>>, options: { narrow: boolean }): Promise<BackendPlan> {
    const existing = await this.client.immutableRules(project);
    const before = existing.filter(isOwned).flatMap((r) => groupOf(r) ?? []);
    const wanted = new Map([...desired].map(([repo, tags]) => [repo, new Set(tags)]));
    // Until the protected set is known to be complete, what is protected stays protected.
    if (!options.narrow) for (const g of before) for (const repo of g.repositories) for (const tag of g.tags) wanted.set(repo, (wanted.get(repo) ?? new Set()).add(tag));
    const plan = planRules(existing, wanted, this.limit);
    const byId = new Map(existing.map((r) => [r.id, r]));
    const was = (id: number): string => {
      const group = groupOf(byId.get(id)!);
      return group ? describe(group) : 'a shape imagepin does not write';
    };
    const changes = [
      ...plan.creates.map((r) => `create a rule protecting ${describe(groupOf(r)!)}`),
      ...plan.updates.map((u) => `update rule ${u.id} to protect ${describe(groupOf(u.rule)!)} (was ${was(u.id)})`),
      ...plan.deletes.map((id) => `delete rule ${id} (${was(id)}): no longer in use or in a rollback window`),
    ];
    return {
      changes,
      notes: [...(plan.limited ? [`Harbor project \`${project}\`: ${plan.limited}.`] : [])],
      ...(plan.blocked ? { blocked: plan.blocked } : {}),
      covers: (name, tag, when) => covers(when === 'now' ? before : plan.groups, name, tag),
      apply: async () => {
        const calls: [string, () => Promise<void>][] = [
          ...plan.creates.map((r, i): [string, () => Promise<void>] => [changes[i]!, () => this.client.createImmutableRule(project, r)]),
          ...plan.updates.map((u): [string, () => Promise<void>] => [`update rule ${u.id}`, () => this.client.updateImmutableRule(project, u.id, u.rule)]),
          ...plan.deletes.map((id): [string, () => Promise<void>] => [`delete rule ${id}`, () => this.client.deleteImmutableRule(project, id)]),
        ];
        for (const [i, [, call]] of calls.entries()) {
          try {
            await call();
          } catch (err) {
            throw new Error(`${i === 0 ? 'nothing was changed' : `${i} of ${calls.length} changes were made`}: ${(err as Error).message}`, { cause: err });
          }
        }
      },
    };
  }

  async owned(project: string): Promise<{ id: number; text: string }[]> {
    const rules = await this.client.immutableRules(project);
    return rules.filter((r): r is HarborRule & { id: number } => isOwned(r) && r.id !== undefined).map((r) => {
      const group = groupOf(r);
      return { id: r.id, text: group ? describe(group) : 'edited into a shape imagepin does not write' };
    });
  }

  async remove(project: string, ids: number[]): Promise<void> {
    for (const id of ids) await this.client.deleteImmutableRule(project, id);
  }
}

/** What one process does: receive webhooks, run jobs, or both. */
export type Role = 'web' | 'worker' | 'all';

/** IMAGEPIN_ROLE (set by `imagepin serve --role`); `web` and `worker` need fleet mode, since only Redis connects them. */
export function roleFromEnv(env: NodeJS.ProcessEnv, fleet: boolean): Role {
  const role = env.IMAGEPIN_ROLE ?? 'all';
  if (role !== 'web' && role !== 'worker' && role !== 'all') throw new Error(`IMAGEPIN_ROLE must be web, worker or all (got ${JSON.stringify(role)})`);
  if (role !== 'all' && !fleet) throw new Error(`IMAGEPIN_ROLE=${role} needs REDIS_URL: without Redis a web process has nobody to hand jobs to`);
  return role;
}

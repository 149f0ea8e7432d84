import { parseArgs } from 'node:util';
import { harborFromEnv } from '../deploy/harbor/client.js';
import { HarborProtection } from '../deploy/harbor/protection.js';
import type { Io } from './main.js';
import { UsageError } from './usage.js';

export const PROTECT_USAGE = `Usage: imagepin protect --list|--remove [--project NAME]...

  List, or list and then delete, the immutable-tag rules imagepin created for retention
  protection (IMAGEPIN_PROTECT). Rules imagepin did not create are never touched. Turning
  protection off leaves imagepin's rules in place; this is how to clean them up.

  --list            list imagepin's rules, change nothing
  --remove          list imagepin's rules, then delete them
  --project NAME    only this Harbor project, repeatable (default: every project the account sees)

  Harbor comes from IMAGEPIN_HARBOR_URL, IMAGEPIN_HARBOR_USERNAME and IMAGEPIN_HARBOR_PASSWORD
  (a robot account that may list and delete immutable tag rules).
`;

/** `imagepin protect`: lists imagepin's own Harbor rules and, with --remove, deletes them. 0 done, 1 a project failed, 2 usage. */
export async function protectCommand(args: string[], io: Io, env: NodeJS.ProcessEnv): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { list: { type: 'boolean', default: false }, remove: { type: 'boolean', default: false }, project: { type: 'string', multiple: true, default: [] } } });
  if (positionals.length) throw new UsageError(`protect takes no PATH, got: ${positionals.join(' ')}`);
  if (values.list === values.remove) throw new UsageError('say --list or --remove');
  const harbor = harborFromEnv(env);
  if (!harbor) throw new UsageError('set IMAGEPIN_HARBOR_URL (and IMAGEPIN_HARBOR_USERNAME, IMAGEPIN_HARBOR_PASSWORD) to the Harbor to clean up');
  const backend = new HarborProtection(harbor);
  let failed = false;
  let projects = values.project;
  if (projects.length === 0) {
    try {
      projects = (await harbor.projects()).map((p) => p.name);
    } catch (err) {
      io.stderr(`imagepin: the Harbor projects could not be listed: ${(err as Error).message}\n`);
      return 1;
    }
  }
  for (const project of projects) {
    try {
      const owned = await backend.owned(project);
      if (owned.length === 0) {
        io.stdout(`Harbor project ${project}: no imagepin rules\n`);
        continue;
      }
      io.stdout(`Harbor project ${project}: ${owned.length} imagepin rule${owned.length === 1 ? '' : 's'}\n${owned.map((r) => `  rule ${r.id}: ${r.text.replace(/`/g, '')}\n`).join('')}`);
      if (!values.remove) continue;
      await backend.remove(project, owned.map((r) => r.id));
      io.stdout(`  removed ${owned.length}\n`);
    } catch (err) {
      failed = true;
      io.stderr(`imagepin: Harbor project ${project}: ${(err as Error).message}\n`);
    }
  }
  return failed ? 1 : 0;
}

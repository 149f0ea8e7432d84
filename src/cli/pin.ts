import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createTwoFilesPatch } from 'diff';
import { analyze } from '../engine/analyze.js';
import { applyByFile } from '../fixers/apply.js';
import { planFixes } from '../fixers/plan.js';
import { LocalSource } from '../sources/local.js';
import type { Io } from './main.js';
import { pinReport } from './pin-summary.js';
import { startProgress } from './progress.js';
import { readConfig, REGISTRY_OPTIONS, requirePaths, resolverFor } from './shared.js';
import { UsageError } from './usage.js';

/**
 * `imagepin pin`: rewrites references in place to `version@digest` (and with --mirror, to the
 * configured mirror when it serves the same digest), keeping every comment and quote. --dry-run
 * prints a unified diff instead. 0 done, 2 usage or configuration error.
 */
export async function pinCommand(args: string[], io: Io, env: NodeJS.ProcessEnv): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, allowNegative: true, options: { ...REGISTRY_OPTIONS, mirror: { type: 'boolean', default: false }, 'dry-run': { type: 'boolean', default: false } } });
  const [path = '.', ...extra] = positionals;
  if (extra.length > 0) throw new UsageError(`pin takes one PATH, got: ${positionals.join(' ')}`);
  if (!requirePaths([path], io)) return 2;
  const config = await readConfig(path, values.config, io);
  if (!config) return 2;
  const single = statSync(path).isFile();
  const fileOf = (file: string): string => (single ? path : join(path, file));
  const stack = await resolverFor(values, env, config, io);
  const progress = io.progress ? await startProgress(io.progress) : undefined;
  try {
    const { inventory } = await analyze({ head: new LocalSource(path), config, resolver: stack.resolver, charts: stack.charts, onResolved: progress?.resolved });
    progress?.stop();
    const texts = new Map<string, string>();
    const text = (file: string): string => {
      if (!texts.has(file)) texts.set(file, readFileSync(fileOf(file), 'utf8'));
      return texts.get(file)!;
    };
    const { fixes, skipped } = await planFixes(inventory, { pin: true, mirror: values.mirror, config, resolver: stack.resolver, text });
    const { changes, dropped } = applyByFile(fixes, text);
    for (const { path: file, before, after } of changes) {
      if (values['dry-run']) io.stdout(createTwoFilesPatch(`a/${file}`, `b/${file}`, before, after, '', '', { context: 3 }));
      else writeFileSync(fileOf(file), after);
    }
    io.stderr(pinReport({ occurrences: inventory.occurrences, changes, dropped, skipped, dryRun: values['dry-run'] }));
    return 0;
  } finally {
    progress?.stop();
    await stack.close();
  }
}

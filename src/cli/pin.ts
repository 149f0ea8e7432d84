import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createTwoFilesPatch } from 'diff';
import { analyze } from '../engine/analyze.js';
import { applyByFile } from '../fixers/apply.js';
import { planFixes } from '../fixers/plan.js';
import type { Fix } from '../fixers/types.js';
import { LocalSource } from '../sources/local.js';
import type { Io } from './main.js';
import { readConfig, REGISTRY_OPTIONS, requirePaths, resolverFor } from './shared.js';
import { UsageError } from './usage.js';

const line = (fix: Fix): number => (fix.occurrence.parts.image ?? fix.occurrence.parts.repository)?.span.start.line ?? 1;

/**
 * `imagepin pin`: rewrites references in place to `version@digest` (and with --mirror, to the
 * configured mirror when it serves the same digest), keeping every comment and quote. --dry-run
 * prints a unified diff instead. 0 done, 2 usage or configuration error.
 */
export async function pinCommand(args: string[], io: Io, env: NodeJS.ProcessEnv): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { ...REGISTRY_OPTIONS, mirror: { type: 'boolean', default: false }, 'dry-run': { type: 'boolean', default: false } } });
  const [path = '.', ...extra] = positionals;
  if (extra.length > 0) throw new UsageError(`pin takes one PATH, got: ${positionals.join(' ')}`);
  if (!requirePaths([path], io)) return 2;
  const config = await readConfig(path, values.config, io);
  if (!config) return 2;
  const single = statSync(path).isFile();
  const fileOf = (file: string): string => (single ? path : join(path, file));
  const stack = await resolverFor(values, env, config);
  try {
    const { inventory } = await analyze({ head: new LocalSource(path), config, resolver: stack.resolver, charts: stack.charts });
    const texts = new Map<string, string>();
    const text = (file: string): string => {
      if (!texts.has(file)) texts.set(file, readFileSync(fileOf(file), 'utf8'));
      return texts.get(file)!;
    };
    const { fixes, skipped } = await planFixes(inventory, { pin: true, mirror: values.mirror, config, resolver: stack.resolver, text });
    const { changes, dropped } = applyByFile(fixes, text);
    const report: string[] = [];
    for (const { path: file, before, after, fixes: applied } of changes) {
      for (const fix of applied) report.push(`  ${file}:${line(fix)}  ${fix.from} → ${fix.to}  (${fix.why})`);
      if (values['dry-run']) io.stdout(createTwoFilesPatch(`a/${file}`, `b/${file}`, before, after, '', '', { context: 3 }));
      else writeFileSync(fileOf(file), after);
    }
    for (const { fix, reason } of dropped) report.push(`  ${fix.occurrence.file}:${line(fix)}  not changed: ${reason}`);
    const changed = changes.reduce((n, c) => n + c.fixes.length, 0);
    const files = changes.length;
    for (const s of skipped) report.push(`  ${s.occurrence.file}:${(s.occurrence.parts.image ?? s.occurrence.parts.repository)?.span.start.line ?? 1}  ${s.occurrence.raw}: ${s.reason}`);
    const verb = values['dry-run'] ? 'would change' : 'changed';
    io.stderr(`${report.join('\n')}${report.length ? '\n' : ''}imagepin pin: ${verb} ${changed} reference${changed === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'}; ${skipped.length} left as they are\n`);
    return 0;
  } finally {
    await stack.close();
  }
}

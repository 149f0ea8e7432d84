import { parseArgs } from 'node:util';
import { analyze } from '../engine/analyze.js';
import { toJsonChunks } from '../reporters/json.js';
import { toMarkdown } from '../reporters/markdown.js';
import { toSarifChunks } from '../reporters/sarif-chunks.js';
import { toTextChunks } from '../reporters/text.js';
import { noRegistryAnswered, noRegistryLine } from '../reporters/unreachable.js';
import type { ResolverStack } from '../resolver/index.js';
import { atLeast } from '../rules/run.js';
import { GitSource } from '../sources/git.js';
import { LocalSource } from '../sources/local.js';
import type { Source } from '../sources/types.js';
import { colorWanted } from './color.js';
import { startProgress, type Progress } from './progress.js';
import type { Io } from './main.js';
import { readConfig, REGISTRY_OPTIONS, requirePaths, resolverFor } from './shared.js';
import { repositoryOfDir, repositoryOfUrl } from './repository.js';
import { UsageError } from './usage.js';
import { writeOut } from './output.js';
import { streamedScan } from './scan-streamed.js';
import { packageInfo } from '../version.js';
import { closeSync, openSync, writeFileSync, writeSync } from 'node:fs';

const FORMATS = ['text', 'json', 'markdown', 'sarif'] as const;

function options(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    allowNegative: true,
    options: {
      format: { type: 'string', default: 'text' },
      offline: { type: 'boolean', default: false },
      platforms: { type: 'boolean', default: false },
      charts: { type: 'boolean', default: true },
      ...REGISTRY_OPTIONS,
      base: { type: 'string' },
      'base-ref': { type: 'string' },
      repository: { type: 'string' },
      'fail-on': { type: 'string' },
      color: { type: 'boolean' },
      // Extra reports of the same analysis, for the GitHub Action (SARIF upload, job summary).
      'sarif-file': { type: 'string' },
      'markdown-file': { type: 'string' },
    },
  });
}

/** `imagepin scan`: 0 done, 1 findings at or above --fail-on (or a check that could not run), 2 usage or configuration error. */
export async function scanCommand(args: string[], io: Io, env: NodeJS.ProcessEnv): Promise<number> {
  const { values, positionals } = options(args);
  const [path = '.', ...extra] = positionals;
  if (extra.length > 0) throw new UsageError(`scan takes one PATH, got: ${positionals.join(' ')}`);
  const format = values.format as (typeof FORMATS)[number];
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, not "${values.format}"`);
  const failOn = values['fail-on'];
  if (failOn !== undefined && failOn !== 'error' && failOn !== 'warning') throw new UsageError(`--fail-on must be error or warning, not "${failOn}"`);
  if (values.base && values['base-ref']) throw new UsageError('give --base or --base-ref, not both');
  const named = values.repository === undefined ? undefined : repositoryOption(values.repository);
  if (!requirePaths([path, values.base], io)) return 2;
  const config = await readConfig(path, values.config, io);
  if (!config) return 2;

  // Offline JSON without a base is checked file by file, never holding the whole tree (decision 41).
  if (values.offline && format === 'json' && !values.base && !values['base-ref'] && !values['sarif-file'] && !values['markdown-file']) {
    try {
      const repository = named ?? (await repositoryOfDir(path));
      return await streamedScan(path, config, failOn, io, { ...(repository && { repository }) });
    } catch (err) {
      io.stderr(`imagepin: ${(err as Error).message}\n`);
      return 2;
    }
  }
  let stack: ResolverStack | undefined;
  let progress: Progress | undefined;
  try {
    if (!values.offline) stack = await resolverFor(values, env, config, io, values.platforms);
    // Progress only when registries are asked: offline, the scan is over before a spinner would show.
    if (stack && io.progress) progress = await startProgress(io.progress);
    const base: Source | undefined = values.base ? new LocalSource(values.base) : values['base-ref'] ? new GitSource(path, values['base-ref']) : undefined;
    // The tree's own repository (decision 50): an Argo CD source on another one is then not read from this tree.
    const repository = named ?? (await repositoryOfDir(path));
    const analysis = await analyze({ head: new LocalSource(path), base, config, resolver: stack?.resolver, charts: values.charts ? stack?.charts : undefined, onResolved: progress?.resolved, ...(repository && { scan: { repository } }) });
    progress?.stop();
    const { inventory, findings, chartChanges } = analysis;
    if (stack && stack.client.rateLimitRemaining.size > 0) inventory.rateLimitRemaining = Object.fromEntries(stack.client.rateLimitRemaining);
    // Written chunk by chunk: a large report is never one string in memory.
    const sarif = () => toSarifChunks(findings, packageInfo().version, undefined, undefined, inventory.notFollowed);
    if (values['sarif-file']) writeChunks(values['sarif-file'], sarif());
    if (values['markdown-file']) writeFileSync(values['markdown-file'], toMarkdown(inventory, findings, { chartChanges, failOn: failOn ?? config.failOn }));
    // Each chunk once standard output has room: a slow reader does not make the report queue in memory.
    if (format === 'json') await writeOut(io, toJsonChunks(inventory, findings));
    else if (format === 'markdown') await writeOut(io, [toMarkdown(inventory, findings, { chartChanges, failOn: failOn ?? config.failOn })]);
    else if (format === 'sarif') await writeOut(io, sarif());
    else await writeOut(io, toTextChunks(inventory, colorWanted(values.color, io.isTTY, env), findings));
    // The text report says it itself; for the machine formats, the person reading standard error hears it once.
    const none = format === 'text' ? undefined : noRegistryAnswered(inventory.resolutions);
    if (none) io.stderr(`imagepin: ${noRegistryLine(none)}\n`);
    // A check that could not run (an imagepin bug on one unit) may have hidden a finding: with --fail-on, that fails too.
    const incomplete = inventory.diagnostics.some((d) => d.code === 'internal-error');
    return failOn && (incomplete || findings.some((f) => atLeast(f.severity, failOn))) ? 1 : 0;
  } catch (err) {
    if (err instanceof UsageError) throw err;
    io.stderr(`imagepin: ${(err as Error).message}\n`);
    return 2;
  } finally {
    progress?.stop();
    await stack?.close();
  }
}

/** `--repository`: `owner/name`, or a URL of the repository in any form git writes remotes. */
function repositoryOption(value: string): string {
  const named = repositoryOfUrl(value) ?? (/^[\w.-]+(?:\/[\w.-]+)+$/.test(value) ? value.toLowerCase() : undefined);
  if (!named) throw new UsageError(`--repository must be owner/name (or the repository's URL), not "${value}"`);
  return named;
}

/** Writes a report to a file as its chunks come. */
function writeChunks(file: string, chunks: Iterable<string>): void {
  const fd = openSync(file, 'w');
  try {
    for (const chunk of chunks) writeSync(fd, chunk);
  } finally {
    closeSync(fd);
  }
}

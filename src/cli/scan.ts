import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { formatProblems, loadConfig } from '../config/load.js';
import { analyze } from '../engine/analyze.js';
import { toJsonChunks } from '../reporters/json.js';
import { toMarkdown } from '../reporters/markdown.js';
import { toSarif } from '../reporters/sarif.js';
import { toText } from '../reporters/text.js';
import { loadCredentials } from '../resolver/credentials.js';
import { createResolver, resolverConfigFromEnv, type ResolverStack } from '../resolver/index.js';
import { atLeast } from '../rules/run.js';
import { GitSource } from '../sources/git.js';
import { LocalSource } from '../sources/local.js';
import type { Source } from '../sources/types.js';
import type { Io } from './main.js';
import { UsageError } from './usage.js';

const FORMATS = ['text', 'json', 'markdown', 'sarif'] as const;
const VERSION = '0.1.0';

function options(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    allowNegative: true,
    options: {
      format: { type: 'string', default: 'text' },
      offline: { type: 'boolean', default: false },
      platforms: { type: 'boolean', default: false },
      endpoint: { type: 'string', multiple: true, default: [] },
      'allow-host': { type: 'string', multiple: true, default: [] },
      config: { type: 'string' },
      base: { type: 'string' },
      'base-ref': { type: 'string' },
      'fail-on': { type: 'string' },
      color: { type: 'boolean' },
    },
  });
}

/** The config file: --config, else PATH/.github/imagepin.yml when there is one. */
function configText(path: string, explicit: string | undefined): { text?: string; source: string } {
  const dir = existsSync(path) && statSync(path).isDirectory() ? path : '.';
  const file = explicit ?? join(dir, '.github', 'imagepin.yml');
  if (!explicit && !existsSync(file)) return { source: file };
  return { text: readFileSync(file, 'utf8'), source: file };
}

/** `imagepin scan`: 0 done, 1 findings at or above --fail-on, 2 usage or configuration error. */
export async function scanCommand(args: string[], io: Io, env: NodeJS.ProcessEnv): Promise<number> {
  const { values, positionals } = options(args);
  const [path = '.', ...extra] = positionals;
  if (extra.length > 0) throw new UsageError(`scan takes one PATH, got: ${positionals.join(' ')}`);
  const format = values.format as (typeof FORMATS)[number];
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, not "${values.format}"`);
  const failOn = values['fail-on'];
  if (failOn !== undefined && failOn !== 'error' && failOn !== 'warning') throw new UsageError(`--fail-on must be error or warning, not "${failOn}"`);
  if (values.base && values['base-ref']) throw new UsageError('give --base or --base-ref, not both');
  for (const dir of [path, values.base].filter((d): d is string => d !== undefined)) {
    if (!existsSync(dir)) {
      io.stderr(`imagepin: cannot read ${dir}: no such file or directory\n`);
      return 2;
    }
  }

  let config;
  try {
    const { text, source } = configText(path, values.config);
    const loaded = loadConfig(text, source);
    if (!loaded.ok) {
      io.stderr(`imagepin: ${source} has problems:\n${formatProblems(loaded.problems).map((l) => `  ${l}`).join('\n')}\n`);
      return 2;
    }
    config = loaded.config;
  } catch (err) {
    io.stderr(`imagepin: cannot read the config: ${(err as Error).message}\n`);
    return 2;
  }

  let stack: ResolverStack | undefined;
  try {
    if (!values.offline) {
      const fromEnv = resolverConfigFromEnv(env);
      stack = createResolver({
        endpoints: [...(fromEnv.endpoints ?? []), ...values.endpoint],
        allowHosts: [...(fromEnv.allowHosts ?? []), ...values['allow-host']],
        credentials: loadCredentials(env),
        resolver: { platforms: values.platforms || config.platforms.length > 0, extraFloatingTags: config.floatingTags },
      });
    }
    const base: Source | undefined = values.base ? new LocalSource(values.base) : values['base-ref'] ? new GitSource(path, values['base-ref']) : undefined;
    const { inventory, findings } = await analyze({ head: new LocalSource(path), base, config, resolver: stack?.resolver });
    if (stack && stack.client.rateLimitRemaining.size > 0) inventory.rateLimitRemaining = Object.fromEntries(stack.client.rateLimitRemaining);
    if (format === 'json') for (const chunk of toJsonChunks(inventory, findings)) io.stdout(chunk);
    else if (format === 'markdown') io.stdout(toMarkdown(inventory, findings));
    else if (format === 'sarif') io.stdout(`${JSON.stringify(toSarif(findings, VERSION), null, 2)}\n`);
    else io.stdout(toText(inventory, values.color ?? io.isTTY, findings));
    return failOn && findings.some((f) => atLeast(f.severity, failOn)) ? 1 : 0;
  } catch (err) {
    if (err instanceof UsageError) throw err;
    io.stderr(`imagepin: ${(err as Error).message}\n`);
    return 2;
  } finally {
    await stack?.close();
  }
}

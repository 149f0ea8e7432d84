import { parseArgs } from 'node:util';
import { resolveInventory } from '../engine/resolve.js';
import { scanSource } from '../engine/scan.js';
import { toJsonChunks } from '../reporters/json.js';
import { toText } from '../reporters/text.js';
import { loadCredentials } from '../resolver/credentials.js';
import { createResolver, resolverConfigFromEnv } from '../resolver/index.js';
import { LocalSource } from '../sources/local.js';
import type { Io } from './main.js';

export const SCAN_USAGE = `Usage: imagepin scan [PATH] [options]

  List every container image reference under PATH (default: .) and resolve each one
  against its registry to a digest and release version.

  --format text|json     output format (default: text)
  --offline              do not contact registries
  --platforms            also list each image's platforms (GETs manifests: Docker Hub counts them as pulls)
  --endpoint REG=URL     reach registry REG through URL (like containerd hosts.toml), repeatable;
                         also IMAGEPIN_ENDPOINTS=REG=URL,...
  --allow-host HOST      let the resolver reach HOST although it is private or local, repeatable;
                         also IMAGEPIN_ALLOW_HOSTS=HOST,...
  --color, --no-color    force colour on or off (default: on for a terminal, unless NO_COLOR)

  Registry credentials come from Docker's config.json: IMAGEPIN_DOCKER_CONFIG_JSON (its content),
  $DOCKER_CONFIG/config.json or ~/.docker/config.json.
`;

/** `imagepin scan`: returns the exit code (0 done, 2 usage or configuration error). */
export async function scanCommand(args: string[], io: Io, env: NodeJS.ProcessEnv): Promise<number> {
  const parsed = parseArgs({
    args,
    allowPositionals: true,
    allowNegative: true,
    options: {
      format: { type: 'string', default: 'text' },
      offline: { type: 'boolean', default: false },
      platforms: { type: 'boolean', default: false },
      endpoint: { type: 'string', multiple: true, default: [] },
      'allow-host': { type: 'string', multiple: true, default: [] },
      color: { type: 'boolean' },
    },
  });
  const [path = '.', ...extra] = parsed.positionals;
  if (extra.length > 0) throw new UsageError(`scan takes one PATH, got: ${parsed.positionals.join(' ')}`);
  const format = parsed.values.format;
  if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, not "${format}"`);

  let inventory;
  try {
    inventory = await scanSource(new LocalSource(path));
  } catch (err) {
    io.stderr(`imagepin: cannot read ${path}: ${(err as Error).message}\n`);
    return 2;
  }
  if (!parsed.values.offline) {
    const fromEnv = resolverConfigFromEnv(env);
    let stack;
    try {
      stack = createResolver({
        endpoints: [...fromEnv.endpoints!, ...parsed.values.endpoint],
        allowHosts: [...fromEnv.allowHosts!, ...parsed.values['allow-host']],
        credentials: loadCredentials(env),
        resolver: { platforms: parsed.values.platforms },
      });
    } catch (err) {
      io.stderr(`imagepin: ${(err as Error).message}\n`);
      return 2;
    }
    try {
      inventory.resolutions = await resolveInventory(inventory, stack.resolver);
      if (stack.client.rateLimitRemaining.size > 0) inventory.rateLimitRemaining = Object.fromEntries(stack.client.rateLimitRemaining);
    } finally {
      await stack.close();
    }
  }
  if (format === 'json') for (const chunk of toJsonChunks(inventory)) io.stdout(chunk);
  else io.stdout(toText(inventory, parsed.values.color ?? io.isTTY));
  return 0;
}

/** A mistake in how the command was called; main prints it with the usage. */
export class UsageError extends Error {}

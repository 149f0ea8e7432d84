import { parseArgs } from 'node:util';
import { run } from 'probot';
import { createApp, type ImagepinApp } from '../app/index.js';
import { imagepinOctokit } from '../app/octokit.js';
import type { Io } from './main.js';
import { UsageError } from './usage.js';

export const SERVE_USAGE = `Usage: imagepin serve [--role web|worker|all]

  Run the GitHub App (as \`npm start\` does, with the same retrying GitHub client), configured
  from the environment (see .env.example). Without REDIS_URL everything runs in this process. With REDIS_URL (fleet mode) the role says
  what this process does; run as many of each as you need (docs/operations.md):

  --role all      receive webhooks and run jobs (default; also IMAGEPIN_ROLE)
  --role web      receive webhooks and store their jobs in Redis only
  --role worker   run jobs from Redis only (the webhook port still serves /healthz and /readyz)

  SIGTERM stops taking jobs, lets running ones finish (IMAGEPIN_SHUTDOWN_GRACE_MS, default 25000)
  or hands them back to the fleet, then exits.
`;

/** `imagepin serve`: the app's HTTP server until SIGTERM or SIGINT; resolves with the exit code. */
export async function serveCommand(args: string[], io: Io, env: NodeJS.ProcessEnv): Promise<number> {
  const { values } = parseArgs({ args, options: { role: { type: 'string' } }, strict: true });
  if (values.role !== undefined && !['web', 'worker', 'all'].includes(values.role)) throw new UsageError(`--role must be web, worker or all (got "${values.role}")`);
  if (values.role) env.IMAGEPIN_ROLE = values.role;
  let handle: ImagepinApp | undefined;
  let server: Awaited<ReturnType<typeof run>>;
  try {
    server = await run((app, options) => void (handle = createApp({ env })(app, options)), { Octokit: imagepinOctokit() });
  } catch (err) {
    // A setting the operator must fix: one line, not a stack trace in a crash loop.
    io.stderr(`imagepin: ${(err as Error).message}\n`);
    return 2;
  }
  return new Promise((resolve) => {
    const stop = () => {
      void server.stop().then(() => handle?.close()).then(() => resolve(0), (err: Error) => {
        io.stderr(`imagepin: shutdown: ${err.message}\n`);
        resolve(1);
      });
    };
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  });
}

#!/usr/bin/env node
// The server process of the container image (and of `npm start`): Probot's `run` reads APP_ID,
// PRIVATE_KEY(_PATH), WEBHOOK_SECRET, HOST, PORT and LOG_LEVEL; imagepin's settings come from the
// environment too (docs/install.md). imagepin's Octokit retries secondary rate limits, which
// `probot run` would only log. Node runs as PID 1 in the image, where a signal with no handler
// is ignored, so SIGTERM and SIGINT get one: stop taking webhooks, close the app, exit 0.
import { run, type Probot } from 'probot';
import { createApp, type ImagepinApp } from './index.js';
import { imagepinOctokit } from './octokit.js';

let handle: ImagepinApp | undefined;
let log: Probot['log'] | undefined;
const server = await run((app, options) => {
  log = app.log;
  handle = createApp()(app, options);
}, { Octokit: imagepinOctokit() });

let stopping = false;
async function shutdown(signal: NodeJS.Signals): Promise<void> {
  if (stopping) return;
  stopping = true;
  log?.info({ signal }, 'shutting down');
  try {
    await server.stop();
    await handle?.close();
    process.exit(0);
  } catch (err) {
    log?.error({ err }, 'shutdown failed');
    process.exit(1);
  }
}
process.on('SIGTERM', (signal) => void shutdown(signal));
process.on('SIGINT', (signal) => void shutdown(signal));

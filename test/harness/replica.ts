// One app replica as its own process (started by test/harness/replicas.ts), so a test can SIGKILL it.
import { startApp } from './app.js';

// A test runner that exits or crashes takes its replicas with it (the IPC channel closes).
process.on('disconnect', () => process.exit(1));
const env = process.env;
const app = await startApp(env.TEST_GITHUB_URL!, env, undefined, { privateKey: env.TEST_APP_KEY!, port: Number(env.TEST_PORT) });
process.stdout.write(`ready ${app.webhookUrl}\n`);
process.on('SIGTERM', () => {
  // Graceful shutdown: stop taking jobs, let the running ones finish or hand them back, then exit.
  void app.stop().then(() => process.exit(0));
});

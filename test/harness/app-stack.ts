import type { Clock } from '../../src/app/clock.js';
import { startApp, type RunningApp } from './app.js';
import { FakeGitHub } from './fake-github/server.js';
import { TestRegistry } from './registry.js';

export interface AppStack {
  registry: TestRegistry;
  github: FakeGitHub;
  app: RunningApp;
  stop(): Promise<void>;
}

/**
 * The three real parts of an end-to-end app test: a registry, the fake GitHub, and the app as a
 * Probot server between them. `env` gets the registry's URL (for endpoint overrides); `octokit`
 * 'production' turns Octokit's retry and throttling on (see testOctokit).
 */
export async function startAppStack(env: (registryUrl: string) => NodeJS.ProcessEnv = (url) => ({ IMAGEPIN_ENDPOINTS: `docker.io=${url}/v2` }), clock?: Clock, octokit: 'fast' | 'production' = 'fast'): Promise<AppStack> {
  const registry = await TestRegistry.start();
  const github = await new FakeGitHub().start();
  const app = await startApp(github.url, env(registry.url), clock, { github: octokit });
  return {
    registry,
    github,
    app,
    stop: async () => {
      await app.stop();
      await github.stop();
      await registry.stop();
    },
  };
}

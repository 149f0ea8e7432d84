import type { ApplicationFunctionOptions, Probot } from 'probot';
import { loadCredentials } from '../resolver/credentials.js';
import { createResolver, resolverConfigFromEnv } from '../resolver/index.js';
import { DeliveryLog, registerHandlers } from './handlers.js';
import { InProcessQueue, type JobQueue } from './queue.js';

export interface ImagepinAppOptions {
  env?: NodeJS.ProcessEnv;
  queue?: JobQueue;
}

/**
 * The imagepin GitHub App, for `probot run` (npm start). Operator settings come from the
 * environment (see .env.example): registry endpoints, allowed hosts, credentials, drafts, concurrency.
 */
export function createApp(options: ImagepinAppOptions = {}) {
  return (app: Probot, _probotOptions?: ApplicationFunctionOptions): { queue: JobQueue; close: () => Promise<void> } => {
    const env = options.env ?? process.env;
    const stack = createResolver({ ...resolverConfigFromEnv(env), credentials: loadCredentials(env) });
    const queue = options.queue ?? new InProcessQueue(Number(env.IMAGEPIN_CONCURRENCY ?? 4), (key, err) => app.log.error({ key, err }, 'analysis job failed'));
    registerHandlers(app, { queue, charts: env.IMAGEPIN_CHART_DEFAULTS === 'false' ? undefined : stack.charts, analysed: new Map(), deliveries: new DeliveryLog(), resolver: stack.resolver, analyzeDrafts: env.IMAGEPIN_ANALYZE_DRAFTS !== 'false', onboarding: env.IMAGEPIN_ONBOARDING === 'true' });
    return { queue, close: () => stack.close() };
  };
}

export default (app: Probot, options?: ApplicationFunctionOptions): void => {
  createApp()(app, options);
};

import type { DocContext, YamlExtractor } from '../types.js';
import { fromString, pullPolicyAt } from '../common/build.js';
import { VALUES_FILE } from '../helm-values/index.js';

const COMPOSE_FILE = /(?:^|\/)(?:docker-)?compose(?:[-.][^/]*)?\.ya?ml$/;

/** A compose file: by its name, or a kind-less document whose `services` entries have images. */
function isCompose(ctx: DocContext): boolean {
  if (ctx.kind !== undefined || VALUES_FILE.test(ctx.rendered ?? ctx.file)) return false;
  const services = ctx.view.get(ctx.view.doc.contents, 'services');
  if (!ctx.view.map(services)) return false;
  if (COMPOSE_FILE.test(ctx.rendered ?? ctx.file)) return true;
  for (const [, service] of ctx.view.entries(services)) if (ctx.view.get(service, 'image')) return true;
  return false;
}

export const compose: YamlExtractor = {
  id: 'compose',
  description: 'docker-compose services.*.image',
  prefilter: { words: ['services'] },
  matches: isCompose,
  extract: (ctx, sink) => {
    for (const [name, service] of ctx.view.entries(ctx.view.get(ctx.view.doc.contents, 'services'))) {
      const image = ctx.view.get(service, 'image');
      if (!image) continue;
      const path = ['services', name];
      const pullPolicy = pullPolicyAt(ctx, service, path, ['pull_policy']);
      const occ = fromString(ctx, image, [...path, 'image'], { format: 'compose', workload: { kind: 'compose service', name }, pullPolicy });
      if (occ) sink.occurrences.push(occ);
    }
  },
};

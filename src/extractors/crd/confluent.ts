import type { Occurrence } from '../../model/occurrence.js';
import { fromString, pullPolicyAt, stringValue, type Scope } from '../common/build.js';
import type { DocContext } from '../types.js';

/** The keys of a Confluent for Kubernetes image map, each a whole reference. */
const CFK_IMAGE_KEYS = ['application', 'init'];

/**
 * Confluent for Kubernetes CRs (group `platform.confluent.io`: Kafka, KRaftController, Connect,
 * SchemaRegistry, ControlCenter, ...) write `spec.image: {application: REF, init: REF}`: the operator
 * runs the application image in every pod of the CR and an init container of the init image. Neither
 * key is an image key of the Helm conventions, so the generic walk does not see them.
 */
export function confluentImages(ctx: DocContext, scope: Scope): Occurrence[] {
  if (!ctx.apiVersion?.startsWith('platform.confluent.io/')) return [];
  const path = ['spec', 'image'];
  const map = ctx.view.map(ctx.view.at(ctx.view.doc.contents, path));
  if (!map) return [];
  const pullPolicy = pullPolicyAt(ctx, map, path, ['pullPolicy', 'imagePullPolicy']) ?? scope.pullPolicy;
  const out: Occurrence[] = [];
  for (const key of CFK_IMAGE_KEYS) {
    const node = ctx.view.get(map, key);
    if (!node || stringValue(ctx, node) === undefined) continue;
    const occ = fromString(ctx, node, [...path, key], { ...scope, ...(pullPolicy && { pullPolicy }) });
    if (occ) out.push(occ);
  }
  return out;
}

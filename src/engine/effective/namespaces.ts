import type { Chain } from './tree.js';

/** A namespace an object is applied in, and what sets it (for the reason of an unknown); `name` undefined when nothing does. */
export interface Placed {
  name?: string;
  by: string;
}

/**
 * Where one way of building a file puts an object: Flux's `spec.targetNamespace` over everything
 * (kustomize-controller sets it over the built objects), else the outermost kustomization's
 * `namespace:` (kustomize's namespace transformer overrides the one written, and an outer
 * kustomization runs after the inner), else the namespace the object writes.
 */
export function placedBy(chain: Chain, written: string | undefined): Placed {
  if (chain.flux?.targetNamespace) return { name: chain.flux.targetNamespace, by: `targetNamespace of ${chain.flux.file}` };
  for (let i = chain.kustomizations.length - 1; i >= 0; i--) {
    const k = chain.kustomizations[i]!;
    if (k.namespace) return { name: k.namespace, by: `namespace: of ${k.file}` };
  }
  return written === undefined ? { by: 'no namespace written' } : { name: written, by: 'as written' };
}

/** Every namespace an object is applied in, one per distinct namespace of the ways its file is built; the written one when nothing builds it. */
export function placements(written: string | undefined, chains: readonly Chain[] | undefined): Placed[] {
  if (!chains || chains.length === 0) return [written === undefined ? { by: 'no namespace written' } : { name: written, by: 'as written' }];
  const out: Placed[] = [];
  for (const chain of chains) {
    const placed = placedBy(chain, written);
    if (!out.some((p) => p.name === placed.name)) out.push(placed);
  }
  return out;
}

/** Namespaces are compared only when both are known: an object without one may be applied anywhere (as before decision 0048). */
export const sameNamespace = (a: string | undefined, b: string | undefined): boolean => a === undefined || b === undefined || a === b;

import { parseReference } from '../model/reference.js';
import type { Occurrence } from '../model/occurrence.js';
import { isLiteral, replacePart } from './parts.js';
import { insertLineAfter } from './splice.js';
import type { Edit } from './types.js';

/** `harbor.example.com/dockerhub` + `library/nginx` → `harbor.example.com/dockerhub/library/nginx`. */
export function mirroredName(mirror: string, repository: string): string {
  return `${mirror.replace(/\/+$/, '')}/${repository}`;
}

/**
 * The edits that move an occurrence's name to its mirror, by shape: the name inside a single
 * string; Bitnami `registry` + `repository`; a lone `repository`; kustomize `newName` (added when
 * missing). A registry from `global.imageRegistry` is moved there, together with every image that
 * shares it (see planFixes).
 */
export function mirrorEdits(occ: Occurrence, text: string, mirror: string): Edit[] | string {
  const ref = occ.reference;
  if (!ref) return 'no reference';
  const name = mirroredName(mirror, ref.repository);
  const p = occ.parts;
  if (occ.notes?.some((n) => n.startsWith('registry comes from global'))) {
    // The shared global registry moves with every image that uses it; planFixes checks they all can.
    const parsed = parseReference(`${name}:x`);
    if (!parsed.ok || !isLiteral(p.registry) || !isLiteral(p.repository)) return 'the global registry or the repository is not a plain value';
    return [replacePart(p.registry, parsed.ref.registry), replacePart(p.repository, parsed.ref.repository)];
  }
  switch (occ.shape) {
    case 'string':
    case 'argocd-kustomize-image':
      return isLiteral(p.repository) ? [replacePart(p.repository, name)] : 'written as a block or escaped scalar';
    case 'fields':
    case 'helm-parameters': {
      if (!isLiteral(p.repository)) return 'the repository is not a plain value';
      if (!p.registry) return [replacePart(p.repository, name)];
      if (!isLiteral(p.registry)) return 'the registry is not a plain value';
      const parsed = parseReference(`${name}:x`);
      if (!parsed.ok) return parsed.reason;
      return [replacePart(p.registry, parsed.ref.registry), replacePart(p.repository, parsed.ref.repository)];
    }
    case 'kustomize-image': {
      const newName = occ.parts.repository;
      if (newName && newName.path.at(-1) === 'newName') return isLiteral(newName) ? [replacePart(newName, name)] : 'newName is not a plain value';
      if (!newName) return 'no name to rename';
      return [insertLineAfter(text, newName.node.span.end.offset, newName.node.span.start.offset, `newName: ${name}`)];
    }
    case 'implied':
      return 'the image is implied by other fields (talhelper: talosImageURL, talosVersion, kubernetesVersion), which imagepin does not rewrite';
    case 'oci-repository':
      return 'OCIRepository URLs are moved by hand (the oci:// scheme and the source\'s secretRef go with them)';
  }
}

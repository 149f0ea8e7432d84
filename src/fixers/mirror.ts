import { parseReference } from '../model/reference.js';
import type { Occurrence, Part } from '../model/occurrence.js';
import { insertLineAfter } from './splice.js';
import type { Edit } from './types.js';

/** `harbor.example.com/dockerhub` + `library/nginx` → `harbor.example.com/dockerhub/library/nginx`. */
export function mirroredName(mirror: string, repository: string): string {
  return `${mirror.replace(/\/+$/, '')}/${repository}`;
}

const plainOrQuoted = (part: Part | undefined): part is Part => part !== undefined && ['plain', 'single', 'double'].includes(part.node.style);

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
  const set = (part: Part, value: string): Edit => ({ start: part.span.start.offset, end: part.span.end.offset, text: value });
  if (occ.notes?.some((n) => n.startsWith('registry comes from global'))) {
    // The shared global registry moves with every image that uses it; planFixes checks they all can.
    const parsed = parseReference(`${name}:x`);
    if (!parsed.ok || !plainOrQuoted(p.registry) || !plainOrQuoted(p.repository)) return 'the global registry or the repository is not a plain value';
    return [set(p.registry, parsed.ref.registry), set(p.repository, parsed.ref.repository)];
  }
  switch (occ.shape) {
    case 'string':
    case 'argocd-kustomize-image':
      return plainOrQuoted(p.repository) ? [set(p.repository, name)] : 'written as a block or escaped scalar';
    case 'fields':
    case 'helm-parameters': {
      if (!plainOrQuoted(p.repository)) return 'the repository is not a plain value';
      if (!p.registry) return [set(p.repository, name)];
      if (!plainOrQuoted(p.registry)) return 'the registry is not a plain value';
      const parsed = parseReference(`${name}:x`);
      if (!parsed.ok) return parsed.reason;
      return [set(p.registry, parsed.ref.registry), set(p.repository, parsed.ref.repository)];
    }
    case 'kustomize-image': {
      const newName = occ.parts.repository;
      if (newName && newName.path.at(-1) === 'newName') return plainOrQuoted(newName) ? [set(newName, name)] : 'newName is not a plain value';
      if (!newName) return 'no name to rename';
      return [insertLineAfter(text, newName.node.span.end.offset, newName.node.span.start.offset, `newName: ${name}`)];
    }
    case 'oci-repository':
      return 'OCIRepository URLs are moved by hand (the oci:// scheme and the source\'s secretRef go with them)';
  }
}

/**
 * Image references, parsed by the grammar of distribution/reference
 * (https://github.com/distribution/reference/blob/main/reference.go) and normalised the way
 * Docker and containerd do: `nginx` is `docker.io/library/nginx:latest`.
 * Hand-written (see docs/decisions/0003-reference-parser.md) because fixers need the character
 * offsets of the name, tag and digest inside the written string.
 */
export interface ImageReference {
  /** Registry host, with port if any: `docker.io`, `quay.io`, `localhost:5000`. */
  registry: string;
  /** Repository path inside the registry: `library/nginx`. */
  repository: string;
  tag?: string;
  digest?: string;
  /** `registry/repository[:tag][@digest]`, with no implicit `latest` added. */
  canonical: string;
}

/** Where the name, tag and digest sit inside the parsed string (0-based, end exclusive). */
export interface ReferenceOffsets {
  name: [number, number];
  tag?: [number, number];
  digest?: [number, number];
}

export type ParsedReference =
  | { ok: true; ref: ImageReference; offsets: ReferenceOffsets }
  | { ok: false; reason: string };

const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const DOMAIN_COMPONENT = /^(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])$/;
const IPV6_HOST = /^\[[0-9a-fA-F:.]+\]$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST_ALGORITHM = /^[A-Za-z][A-Za-z0-9]*(?:[+._-][A-Za-z][A-Za-z0-9]*)*$/;
const DIGEST_HEX: Record<string, RegExp> = { sha256: /^[a-f0-9]{64}$/, sha512: /^[a-f0-9]{128}$/ };
const MAX_NAME_LENGTH = 255;

export const DOCKER_HUB = 'docker.io';

/** True when the first path segment names a registry host (docker's splitDockerDomain rule). */
function looksLikeDomain(first: string): boolean {
  return first.includes('.') || first.includes(':') || first === 'localhost' || first !== first.toLowerCase();
}

function validHost(domain: string): string | undefined {
  const colon = domain.startsWith('[') ? domain.indexOf(':', domain.indexOf(']')) : domain.lastIndexOf(':');
  const host = colon === -1 ? domain : domain.slice(0, colon);
  const port = colon === -1 ? undefined : domain.slice(colon + 1);
  if (port !== undefined && !/^[0-9]{1,5}$/.test(port)) return `invalid port "${port}" in registry "${domain}"`;
  if (IPV6_HOST.test(host)) return undefined;
  if (!host.split('.').every((c) => DOMAIN_COMPONENT.test(c))) return `invalid registry host "${host}"`;
  return undefined;
}

/** Checks a digest string: `sha256:<64 lowercase hex>` or `sha512:<128>`; other algorithms are refused. */
export function checkDigest(digest: string): string | undefined {
  const sep = digest.indexOf(':');
  if (sep <= 0) return `digest "${digest}" has no algorithm (expected sha256:<64 hex characters>)`;
  const algorithm = digest.slice(0, sep);
  const hex = digest.slice(sep + 1);
  if (!DIGEST_ALGORITHM.test(algorithm)) return `invalid digest algorithm "${algorithm}"`;
  const rule = DIGEST_HEX[algorithm];
  if (!rule) return `unsupported digest algorithm "${algorithm}" (use sha256)`;
  if (!rule.test(hex)) {
    const want = algorithm === 'sha256' ? 64 : 128;
    return `${algorithm} digest must be ${want} lowercase hex characters, got ${hex.length}`;
  }
  return undefined;
}

/** Parses and normalises one image reference. Never throws: a bad reference is `{ok: false, reason}`. */
export function parseReference(input: string): ParsedReference {
  if (input.length === 0) return { ok: false, reason: 'empty image reference' };
  if (/\s/.test(input)) return { ok: false, reason: 'image reference contains white space' };
  const at = input.indexOf('@');
  const nameAndTag = at === -1 ? input : input.slice(0, at);
  const digest = at === -1 ? undefined : input.slice(at + 1);
  const lastSlash = nameAndTag.lastIndexOf('/');
  const colon = nameAndTag.indexOf(':', lastSlash + 1);
  const name = colon === -1 ? nameAndTag : nameAndTag.slice(0, colon);
  const tag = colon === -1 ? undefined : nameAndTag.slice(colon + 1);

  if (digest !== undefined) {
    const problem = checkDigest(digest);
    if (problem) return { ok: false, reason: problem };
  }
  if (tag !== undefined && !TAG.test(tag)) return { ok: false, reason: `invalid tag "${tag}"` };
  if (name.length === 0) return { ok: false, reason: 'image reference has no repository name' };
  if (name.length > MAX_NAME_LENGTH) return { ok: false, reason: `repository name longer than ${MAX_NAME_LENGTH}` };

  const slash = name.indexOf('/');
  let registry = DOCKER_HUB;
  let path = name;
  if (slash !== -1 && looksLikeDomain(name.slice(0, slash))) {
    registry = name.slice(0, slash);
    path = name.slice(slash + 1);
    const hostProblem = validHost(registry);
    if (hostProblem) return { ok: false, reason: hostProblem };
  }
  const components = path.split('/');
  for (const component of components) {
    if (component !== component.toLowerCase()) return { ok: false, reason: `image name "${name}" must be lowercase` };
    if (!PATH_COMPONENT.test(component)) return { ok: false, reason: `invalid repository path component "${component}"` };
  }
  if (registry === 'index.docker.io' || registry === 'registry-1.docker.io') registry = DOCKER_HUB;
  if (registry === DOCKER_HUB && components.length === 1) path = `library/${path}`;

  const ref: ImageReference = { registry, repository: path, canonical: '' };
  if (tag !== undefined) ref.tag = tag;
  if (digest !== undefined) ref.digest = digest;
  ref.canonical = formatReference(ref);
  const offsets: ReferenceOffsets = { name: [0, name.length] };
  if (tag !== undefined) offsets.tag = [name.length + 1, nameAndTag.length];
  if (digest !== undefined) offsets.digest = [at + 1, input.length];
  return { ok: true, ref, offsets };
}

/** `registry/repository[:tag][@digest]` */
export function formatReference(ref: Pick<ImageReference, 'registry' | 'repository' | 'tag' | 'digest'>): string {
  let out = `${ref.registry}/${ref.repository}`;
  if (ref.tag !== undefined) out += `:${ref.tag}`;
  if (ref.digest !== undefined) out += `@${ref.digest}`;
  return out;
}

/** Short, familiar form for people: `nginx:1.25` rather than `docker.io/library/nginx:1.25`. */
export function familiarName(ref: Pick<ImageReference, 'registry' | 'repository'>): string {
  if (ref.registry !== DOCKER_HUB) return `${ref.registry}/${ref.repository}`;
  return ref.repository.startsWith('library/') ? ref.repository.slice('library/'.length) : ref.repository;
}

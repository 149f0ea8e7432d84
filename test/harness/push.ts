import { createHash, randomBytes } from 'node:crypto';

/** Where to push, and how to authorise a push to one repository. */
export interface PushTarget {
  url: string;
  authorization?: (repository: string) => string | undefined;
}

export type ImageKind = 'docker-v2' | 'oci-manifest' | 'docker-list' | 'oci-index';

const digestOf = (bytes: Uint8Array): string => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

async function call(target: PushTarget, repository: string, method: string, path: string, body?: Uint8Array, contentType = 'application/octet-stream'): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': contentType };
  const auth = target.authorization?.(repository);
  if (auth) headers.authorization = auth;
  const url = path.startsWith('http') ? path : `${target.url}${path}`;
  const response = await fetch(url, { method, headers, body: body as Uint8Array<ArrayBuffer> | undefined });
  if (response.status >= 300) throw new Error(`${method} ${url}: HTTP ${response.status} ${await response.text()}`);
  return response;
}

/** Uploads a blob with the two-step POST + PUT of the distribution API; returns its digest. */
export async function pushBlob(target: PushTarget, repository: string, bytes: Uint8Array): Promise<string> {
  const digest = digestOf(bytes);
  const started = await call(target, repository, 'POST', `/v2/${repository}/blobs/uploads/`);
  const location = new URL(started.headers.get('location')!, target.url);
  location.searchParams.set('digest', digest);
  await call(target, repository, 'PUT', location.href, bytes);
  return digest;
}

/** Uploads a manifest under a tag (or by digest when `reference` is one); returns its digest. */
export async function pushManifest(target: PushTarget, repository: string, reference: string, mediaType: string, manifest: unknown): Promise<string> {
  const bytes = Buffer.from(JSON.stringify(manifest));
  await call(target, repository, 'PUT', `/v2/${repository}/manifests/${reference}`, bytes, mediaType);
  return digestOf(bytes);
}

async function singleManifest(target: PushTarget, repository: string, oci: boolean, platform: { os: string; architecture: string }, seed: string): Promise<{ mediaType: string; body: unknown }> {
  const config = Buffer.from(JSON.stringify({ ...platform, seed, rootfs: { type: 'layers', diff_ids: [] } }));
  const layer = Buffer.concat([Buffer.from(seed), randomBytes(32)]);
  const configDigest = await pushBlob(target, repository, config);
  const layerDigest = await pushBlob(target, repository, layer);
  const mediaType = oci ? 'application/vnd.oci.image.manifest.v1+json' : 'application/vnd.docker.distribution.manifest.v2+json';
  return {
    mediaType,
    body: {
      schemaVersion: 2,
      mediaType,
      config: { mediaType: oci ? 'application/vnd.oci.image.config.v1+json' : 'application/vnd.docker.container.image.v1+json', digest: configDigest, size: config.length },
      layers: [{ mediaType: oci ? 'application/vnd.oci.image.layer.v1.tar+gzip' : 'application/vnd.docker.image.rootfs.diff.tar.gzip', digest: layerDigest, size: layer.length }],
    },
  };
}

/**
 * Pushes a new, unique image (random layer bytes) and tags it with every tag given. Lists and
 * indexes get one child manifest per platform. Returns the digest the tags point to.
 */
export async function pushImage(target: PushTarget, repository: string, tags: string[], kind: ImageKind = 'docker-v2', platforms = ['linux/amd64', 'linux/arm64']): Promise<string> {
  const seed = randomBytes(8).toString('hex');
  const oci = kind === 'oci-manifest' || kind === 'oci-index';
  let mediaType: string;
  let body: unknown;
  if (kind === 'docker-v2' || kind === 'oci-manifest') {
    ({ mediaType, body } = await singleManifest(target, repository, oci, { os: 'linux', architecture: 'amd64' }, seed));
  } else {
    const manifests = [];
    for (const platform of platforms) {
      const [os = 'linux', architecture = 'amd64'] = platform.split('/');
      const child = await singleManifest(target, repository, oci, { os, architecture }, `${seed}-${platform}`);
      const bytes = Buffer.from(JSON.stringify(child.body));
      const digest = await pushManifest(target, repository, digestOf(bytes), child.mediaType, child.body);
      manifests.push({ mediaType: child.mediaType, digest, size: bytes.length, platform: { os, architecture } });
    }
    mediaType = oci ? 'application/vnd.oci.image.index.v1+json' : 'application/vnd.docker.distribution.manifest.list.v2+json';
    body = { schemaVersion: 2, mediaType, manifests };
  }
  let digest = '';
  for (const tag of tags) digest = await pushManifest(target, repository, tag, mediaType, body);
  return digest;
}

/** Points more tags at the manifest a tag already has (one PUT each, no blob uploads). */
export async function retag(target: PushTarget, repository: string, from: string, tags: string[]): Promise<void> {
  const headers: Record<string, string> = { accept: 'application/vnd.docker.distribution.manifest.v2+json, application/vnd.oci.image.manifest.v1+json' };
  const auth = target.authorization?.(repository);
  if (auth) headers.authorization = auth;
  const response = await fetch(`${target.url}/v2/${repository}/manifests/${from}`, { headers });
  const mediaType = response.headers.get('content-type') ?? 'application/vnd.docker.distribution.manifest.v2+json';
  const body = await response.json();
  for (const tag of tags) await pushManifest(target, repository, tag, mediaType, body);
}

/**
 * Copies a single-platform image to another repository of the same registry with the same digest
 * (cross-repository blob mounts, then the manifest's exact bytes), as a registry mirror would hold it.
 */
export async function copyImage(target: PushTarget, from: string, tag: string, to: string): Promise<void> {
  const accept = 'application/vnd.docker.distribution.manifest.v2+json, application/vnd.oci.image.manifest.v1+json';
  const response = await fetch(`${target.url}/v2/${from}/manifests/${tag}`, { headers: { accept } });
  const mediaType = response.headers.get('content-type')!;
  const bytes = Buffer.from(await response.arrayBuffer());
  const manifest = JSON.parse(bytes.toString()) as { config: { digest: string }; layers: { digest: string }[] };
  for (const digest of [manifest.config.digest, ...manifest.layers.map((l) => l.digest)]) {
    await call(target, to, 'POST', `/v2/${to}/blobs/uploads/?mount=${digest}&from=${from}`);
  }
  await call(target, to, 'PUT', `/v2/${to}/manifests/${tag}`, bytes, mediaType);
}

/** Deletes a manifest by digest (the registry runs with deletes enabled), as a retention job would. */
export async function deleteManifest(target: PushTarget, repository: string, digest: string): Promise<void> {
  await call(target, repository, 'DELETE', `/v2/${repository}/manifests/${digest}`);
}

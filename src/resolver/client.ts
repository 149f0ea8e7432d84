import { createHash } from 'node:crypto';
import { checkDigest } from '../model/reference.js';
import type { Authenticator } from './auth.js';
import type { Endpoint, Endpoints } from './endpoints.js';
import { RegistryError } from './errors.js';
import type { HttpResponse, RegistryHttp, RequestOptions } from './http.js';

export const MEDIA_TYPES = {
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  dockerList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
} as const;

/** Indexes first, so a multi-arch tag answers with the index digest that Kubernetes pins. */
export const MANIFEST_ACCEPT = [MEDIA_TYPES.ociIndex, MEDIA_TYPES.dockerList, MEDIA_TYPES.ociManifest, MEDIA_TYPES.dockerManifest].join(', ');

export interface ManifestInfo {
  digest: string;
  mediaType: string;
}

function sha256(body: Uint8Array): string {
  return `sha256:${createHash('sha256').update(body).digest('hex')}`;
}

/** A small OCI distribution client: manifests by HEAD, manifests by GET when needed, tags with pagination. */
export class RegistryClient {
  /** The last `ratelimit-remaining` each registry reported (Docker Hub). */
  readonly rateLimitRemaining = new Map<string, number>();

  constructor(
    private readonly http: RegistryHttp,
    private readonly auth: Authenticator,
    private readonly endpoints: Endpoints,
  ) {}

  private async send(endpoint: Endpoint, repository: string, path: string, options: RequestOptions): Promise<HttpResponse> {
    const scope = `repository:${repository}:pull`;
    const url = `${endpoint.base}/${repository}/${path}`;
    const request = async (): Promise<HttpResponse> => this.http.request(url, { ...options, headers: { ...options.headers, ...(await this.auth.headers(endpoint, scope)) } });
    let response = await request();
    if (response.status === 401) {
      this.auth.rejected(endpoint, scope, response.headers.get('www-authenticate'));
      response = await request();
    }
    const remaining = /^(\d+)/.exec(response.headers.get('ratelimit-remaining') ?? '')?.[1];
    if (remaining) this.rateLimitRemaining.set(endpoint.registry, Number(remaining));
    return response;
  }

  private fail(endpoint: Endpoint, what: string, response: HttpResponse): never {
    const { status } = response;
    if (status === 404) throw new RegistryError('not-found', `${what} does not exist in ${endpoint.registry}`, status);
    if (status === 401 || status === 403) throw new RegistryError('unauthorized', `${endpoint.registry} refused access to ${what} (HTTP ${status}); it is private or the credentials for ${endpoint.host} are missing`, status);
    if (status === 429) throw new RegistryError('rate-limited', `${endpoint.registry} is rate limiting imagepin (HTTP 429)`, status);
    throw new RegistryError('registry-error', `${endpoint.registry} answered HTTP ${status} for ${what}`, status);
  }

  /** The digest and media type of a manifest, by HEAD; a registry that sends no digest header is asked once by GET. */
  async head(registry: string, repository: string, reference: string): Promise<ManifestInfo> {
    const endpoint = this.endpoints.for(registry);
    const what = `${registry}/${repository}${reference.includes(':') ? '@' : ':'}${reference}`;
    const response = await this.send(endpoint, repository, `manifests/${reference}`, { method: 'HEAD', kind: 'manifest', headers: { accept: MANIFEST_ACCEPT } });
    if (response.status !== 200) this.fail(endpoint, what, response);
    const digest = response.headers.get('docker-content-digest');
    const mediaType = response.headers.get('content-type')?.split(';')[0] ?? '';
    if (!digest) return (await this.get(registry, repository, reference)).info;
    if (checkDigest(digest)) throw new RegistryError('registry-error', `${endpoint.registry} sent an invalid digest header "${digest.slice(0, 80)}" for ${what}`);
    if (reference.includes(':') && digest !== reference) throw new RegistryError('registry-error', `${endpoint.registry} answered ${what} with another digest (${digest})`);
    return { digest, mediaType };
  }

  /** A manifest by GET: its digest is computed from the bytes, and checked when asked for by digest. */
  async get(registry: string, repository: string, reference: string): Promise<{ info: ManifestInfo; body: Uint8Array }> {
    const endpoint = this.endpoints.for(registry);
    const what = `${registry}/${repository}${reference.includes(':') ? '@' : ':'}${reference}`;
    const response = await this.send(endpoint, repository, `manifests/${reference}`, { method: 'GET', kind: 'manifest', headers: { accept: MANIFEST_ACCEPT } });
    if (response.status !== 200) this.fail(endpoint, what, response);
    const digest = sha256(response.body);
    const header = response.headers.get('docker-content-digest');
    if ((header && header.startsWith('sha256:') && header !== digest) || (reference.startsWith('sha256:') && reference !== digest)) {
      throw new RegistryError('registry-error', `the manifest ${endpoint.registry} sent for ${what} does not match its digest`);
    }
    return { info: { digest, mediaType: response.headers.get('content-type')?.split(';')[0] ?? '' }, body: response.body };
  }

  /**
   * The platforms an image runs on (`linux/amd64`, `linux/arm64/v8`): from an index's entries, or
   * from a single manifest's config blob. Costs GETs, so the resolver asks only when told to.
   */
  async platforms(registry: string, repository: string, digest: string): Promise<string[]> {
    const { info, body } = await this.get(registry, repository, digest);
    const manifest = JSON.parse(Buffer.from(body).toString('utf8')) as {
      manifests?: { platform?: { os?: string; architecture?: string; variant?: string } }[];
      config?: { digest?: string };
    };
    const name = (p: { os?: string; architecture?: string; variant?: string }): string => [p.os, p.architecture, p.variant].filter(Boolean).join('/');
    if (info.mediaType === MEDIA_TYPES.ociIndex || info.mediaType === MEDIA_TYPES.dockerList || Array.isArray(manifest.manifests)) {
      // Attestation manifests carry the platform unknown/unknown; they are not runnable images.
      return [...new Set((manifest.manifests ?? []).map((m) => name(m.platform ?? {})).filter((p) => p && p !== 'unknown/unknown'))];
    }
    const configDigest = manifest.config?.digest;
    if (!configDigest || checkDigest(configDigest)) throw new RegistryError('registry-error', `the manifest of ${registry}/${repository}@${digest} names no config blob`);
    const endpoint = this.endpoints.for(registry);
    const response = await this.send(endpoint, repository, `blobs/${configDigest}`, { method: 'GET', kind: 'manifest' });
    if (response.status !== 200) this.fail(endpoint, `the config of ${registry}/${repository}@${digest}`, response);
    if (sha256(response.body) !== configDigest) throw new RegistryError('registry-error', `the config blob ${registry} sent does not match its digest`);
    return [name(JSON.parse(Buffer.from(response.body).toString('utf8')) as { os?: string; architecture?: string; variant?: string })];
  }

  /** A blob by digest (a Helm chart layer), size-capped and checked against its digest. */
  async blob(registry: string, repository: string, digest: string, maxBytes: number): Promise<Uint8Array> {
    const endpoint = this.endpoints.for(registry);
    const response = await this.send(endpoint, repository, `blobs/${digest}`, { method: 'GET', kind: 'chart', maxBytes });
    if (response.status !== 200) this.fail(endpoint, `${registry}/${repository}@${digest}`, response);
    if (sha256(response.body) !== digest) throw new RegistryError('registry-error', `the blob ${registry} sent for ${repository}@${digest.slice(0, 19)}… does not match its digest`);
    return response.body;
  }

  /** Every tag of a repository, following `Link` pagination (`?n=&last=`) up to `maxPages`. */
  async tags(registry: string, repository: string, pageSize = 1000, maxPages = 50): Promise<string[]> {
    return (await this.tagList(registry, repository, pageSize, maxPages)).tags;
  }

  /** The tag list and whether it is complete: `complete` is false when `maxPages` cut it off. */
  async tagList(registry: string, repository: string, pageSize = 1000, maxPages = 50): Promise<{ tags: string[]; complete: boolean }> {
    const endpoint = this.endpoints.for(registry);
    const tags: string[] = [];
    let path = `tags/list?n=${pageSize}`;
    for (let page = 0; page < maxPages; page++) {
      const response = await this.send(endpoint, repository, path, { method: 'GET', kind: 'tags' });
      if (response.status !== 200) this.fail(endpoint, `the tag list of ${registry}/${repository}`, response);
      let data: { tags?: unknown };
      try {
        data = JSON.parse(Buffer.from(response.body).toString('utf8')) as typeof data;
      } catch {
        throw new RegistryError('registry-error', `${registry} sent a tag list that is not JSON`);
      }
      if (Array.isArray(data.tags)) tags.push(...data.tags.filter((t): t is string => typeof t === 'string'));
      const next = /<([^>]+)>\s*;\s*rel="?next"?/.exec(response.headers.get('link') ?? '')?.[1];
      if (!next) return { tags, complete: true };
      const marker = new URL(next, endpoint.base).search;
      path = `tags/list${marker}`;
    }
    return { tags, complete: false };
  }
}

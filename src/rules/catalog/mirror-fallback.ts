import type { MirrorEndpoint } from '../../model/file-result.js';
import { isInCluster } from '../mirrors.js';
import type { Draft, Rule } from '../types.js';

/** Hosts that answer for a registry's name but do not serve its API (Docker Hub's API is registry-1.docker.io). */
const NOT_REGISTRY_API = new Set(['docker.io', 'www.docker.io', 'hub.docker.com']);

function notAnApi(endpoint: MirrorEndpoint): Draft | undefined {
  let url: URL;
  try {
    url = new URL(endpoint.url);
  } catch {
    return { message: `Mirror endpoint \`${endpoint.url}\` is not a URL.`, fix: 'Write the endpoint as https://host[:port][/path].', span: endpoint.span };
  }
  if (NOT_REGISTRY_API.has(url.hostname)) {
    return {
      message: `Mirror endpoint \`${endpoint.url}\` is not a registry API: ${url.hostname} serves a website, so this fallback fails exactly when it is needed.`,
      fix: 'Use the registry API host (for Docker Hub: https://registry-1.docker.io), or drop the endpoint and let the node fall back to upstream.',
      span: endpoint.span,
    };
  }
  if (endpoint.overridePath !== true && /\/v2\/?$/.test(url.pathname)) {
    return {
      message: `Mirror endpoint \`${endpoint.url}\` ends in /v2 without overridePath: the node adds /v2 itself and asks for ${url.pathname.replace(/\/?$/, '')}/v2/...`,
      fix: 'Remove /v2 from the endpoint, or set overridePath: true (override_path in hosts.toml) when the path is the full API root.',
      span: endpoint.span,
    };
  }
  return undefined;
}

/** Node mirrors without a working upstream fallback, or with a fallback that is not a registry API (incident 2). */
export const mirrorFallback: Rule = {
  id: 'mirror-fallback',
  severity: 'error',
  summary: 'A node mirror config with no working upstream fallback, or a fallback endpoint that is not a registry API',
  mirror(mirror, ctx) {
    const drafts = mirror.endpoints.map(notAnApi).filter((d): d is Draft => d !== undefined);
    const where = `nodes pull ${mirror.host === '*' || mirror.host === '_default' ? 'every registry' : mirror.host}`;
    const inCluster = mirror.endpoints.length > 0 && mirror.endpoints.every((e) => isInCluster(e, ctx.config));
    const upstreamOff = mirror.source === 'talos' ? mirror.skipFallback === true : mirror.server !== undefined && isInCluster({ url: mirror.server, span: mirror.span }, ctx.config);
    if (inCluster && upstreamOff) {
      drafts.push({
        message: `${where} only through the in-cluster registry (${mirror.endpoints.map((e) => e.url).join(', ')}), with no upstream fallback: when that registry is down, no node can pull anything from ${mirror.host}, including the registry itself.`,
        fix: mirror.source === 'talos' ? 'Remove skipFallback, or add an upstream endpoint after the in-cluster one.' : 'Set server to the upstream registry (or remove it: containerd then falls back to the registry itself).',
        span: mirror.span,
      });
    } else if (mirror.skipFallback && mirror.endpoints.length === 1) {
      drafts.push({
        message: `${where} through one endpoint with skipFallback: when ${mirror.endpoints[0]!.url} is down, nothing from ${mirror.host} can be pulled.`,
        fix: 'Add a second endpoint, or remove skipFallback so the node falls back to the upstream registry.',
        span: mirror.span,
      });
    }
    return drafts;
  },
};

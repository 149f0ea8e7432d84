import picomatch from 'picomatch';
import type { Config } from '../config/schema.js';
import { DEFAULT_REGISTRY_IMAGES } from '../config/constants.js';
import type { MirrorConfig, MirrorEndpoint } from '../model/file-result.js';

/**
 * An endpoint inside the cluster: a Service name (`*.svc`, `*.svc.cluster.local`), or a host the
 * configuration names as the in-cluster registry.
 */
export function isInCluster(endpoint: MirrorEndpoint, config: Config): boolean {
  let host: string;
  try {
    host = new URL(endpoint.url).hostname;
  } catch {
    return false;
  }
  return /\.svc(\.cluster\.local)?$/.test(host) || host.includes('.svc.') || config.inClusterRegistryHosts.includes(host);
}

/** The node mirror configs that apply to a registry: its own, or the catch-all (`*`, containerd `_default`). */
export function mirrorsFor(registry: string, mirrors: MirrorConfig[]): MirrorConfig[] {
  const own = mirrors.filter((m) => m.host === registry);
  return own.length > 0 ? own : mirrors.filter((m) => m.host === '*' || m.host === '_default');
}

/**
 * A matcher for the images that make up a registry (Harbor, distribution, zot, Quay, Nexus, ...),
 * by repository glob. Compile it once per run: compiling per occurrence dominated rule time.
 */
export function registryImageMatcher(config: Config): (name: string) => boolean {
  return picomatch([...DEFAULT_REGISTRY_IMAGES, ...config.registryImages]);
}

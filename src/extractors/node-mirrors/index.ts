import type { YamlExtractor } from '../types.js';
import { isTalosConfig } from '../talos/detect.js';
import { extractTalosMirrors } from './talos.js';

/** Talos registry mirrors in YAML; containerd hosts.toml is read by `extractHostsToml`. */
export const nodeMirrors: YamlExtractor = {
  id: 'node-mirrors',
  description: 'Node registry mirrors: Talos machine.registries / RegistryMirrorConfig, containerd hosts.toml',
  prefilter: { words: ['machine', 'cluster', 'RegistryMirrorConfig'] },
  matches: (ctx) => isTalosConfig(ctx) || (ctx.kind === 'RegistryMirrorConfig' && ctx.apiVersion === 'v1alpha1'),
  extract: extractTalosMirrors,
};

export { extractHostsToml } from './hosts-toml.js';

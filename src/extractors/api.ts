import type { YamlExtractor } from './types.js';
import { argocd } from './argocd/index.js';
import { compose } from './compose/index.js';
import { crd } from './crd/index.js';
import { flux } from './flux/index.js';
import { helmValues } from './helm-values/index.js';
import { helmfile } from './helmfile/index.js';
import { kubernetes } from './kubernetes/index.js';
import { kustomize } from './kustomize/index.js';
import { nodeMirrors } from './node-mirrors/index.js';
import { registryHosts } from './registry-hosts/index.js';
import { talos } from './talos/index.js';

/** Every YAML format, registered once. Each document is offered to all of them; those that match run. */
export const EXTRACTORS: readonly YamlExtractor[] = [
  kubernetes,
  crd,
  helmValues,
  flux,
  argocd,
  kustomize,
  helmfile,
  compose,
  nodeMirrors,
  talos,
  registryHosts,
];

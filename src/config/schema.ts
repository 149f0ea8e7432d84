import { z } from 'zod';
import { DEFAULT_TEMPLATE_EXTENSIONS } from '../extractors/templates/files.js';

export { DEFAULT_REGISTRY_IMAGES, DEFAULT_STATEFUL_IMAGES, RULE_IDS, SEVERITIES, type RuleId, type SeveritySetting } from './constants.js';
import { RULE_IDS, SEVERITIES } from './constants.js';

const severity = z.enum(SEVERITIES);

/** `.github/imagepin.yml`, read from the default branch. Every key is optional; no file means these defaults. */
export const configSchema = z.strictObject({
  _extends: z.string().optional()
    .describe('Organisation defaults to build on, as Probot reads them: "repo" (the file of the same path in another repository of the owner, usually ".github"), "owner/repo" or "owner/repo:path/to/file.yml". The App merges them under this file; the CLI does not follow them and says so.'),
  rules: z.partialRecord(z.enum(RULE_IDS), severity).default({})
    .describe('Severity per rule id: off, info, warning or error. Rules not named keep their default severity.'),
  ignore: z.strictObject({
    paths: z.array(z.string()).default([]).describe('Glob patterns of files to leave out, e.g. "charts/**/ci/**".'),
    references: z.array(z.string()).default([]).describe('Glob patterns of normalised references to leave out, e.g. "docker.io/library/busybox:*".'),
  }).default({ paths: [], references: [] }).describe('What imagepin does not report.'),
  mirrors: z.record(z.string().regex(/^[a-z0-9.-]+(:\d+)?$/, 'a registry host such as docker.io'), z.string().min(1))
    .default({})
    .describe('Private mirrors by upstream registry: { "docker.io": "harbor.example.com/dockerhub" }. Images from a mirrored registry are reported by public-registry.'),
  requireMirror: z.boolean().default(false).describe('Report images from every public registry, mirrored or not.'),
  statefulImages: z.array(z.string()).default([]).describe('More repository names (last path segment) treated as stateful, added to the built-in list.'),
  registryImages: z.array(z.string()).default([]).describe('More repository globs of images that make up the cluster\'s own registry, for registry-self-pull.'),
  inClusterRegistryHosts: z.array(z.string()).default([]).describe('Mirror endpoint hosts that are the in-cluster registry, besides names ending in .svc or .svc.cluster.local.'),
  platforms: z.array(z.string().regex(/^[a-z0-9]+\/[a-z0-9_]+(\/[a-z0-9]+)?$/, 'os/architecture[/variant], e.g. linux/arm64')).default([])
    .describe('Platforms the cluster runs, e.g. [linux/amd64, linux/arm64]; platform-missing reports images without one of them.'),
  floatingTags: z.array(z.string()).default([]).describe('More tag names treated as floating, added to latest, main, dev, nightly and the rest.'),
  pinFieldsWithoutDigest: z.enum(['tag', 'skip']).default('tag')
    .describe('How fixes pin an image map with repository and tag but no digest field: "tag" writes tag: "1.2.3@sha256:…" (the convention of popular charts); "skip" leaves it, for charts that do not accept it.'),
  failOn: z.enum(['error', 'warning', 'never']).default('error').describe('The lowest severity that fails the check run. The CLI uses --fail-on instead.'),
  deployments: z.strictObject({
    track: z.enum(['auto', 'always', 'off']).default('auto')
      .describe('merged-not-deployed: "auto" alerts once the last 100 commits of the default branch carry a deployment signal; "always" alerts even with none (nothing seen means nothing deployed); "off" never.'),
    grace: z.string().regex(/^\d+(m|h|d)$/, 'a duration such as 30m, 2h or 1d').default('2h')
      .describe('How long a merge may wait for its deployment before merged-not-deployed reports it.'),
    statusContexts: z.array(z.string()).default(['kustomization/*/*', 'continuous-delivery/*'])
      .describe('Commit status contexts (globs) that mean "deployed" when successful: Flux notification-controller writes kustomization/<name>/<id>, Argo CD Notifications continuous-delivery/<app> by default.'),
    environments: z.array(z.string()).default(['**'])
      .describe('GitHub Deployment environments (globs) whose successful deployments count.'),
    checkImages: z.boolean().default(true)
      .describe('in-use-image-missing: check that every image on the default branch and at the last deployed revision still exists in its registry.'),
  }).default({ track: 'auto', grace: '2h', statusContexts: ['kustomization/*/*', 'continuous-delivery/*'], environments: ['**'], checkImages: true })
    .describe('Deployment tracking on the default branch (see docs/deployments.md).'),
  templateExtensions: z.array(z.string().regex(/^[A-Za-z0-9]+$/, 'an extension without the dot, e.g. j2')).default([...DEFAULT_TEMPLATE_EXTENSIONS])
    .describe('Extensions of template files that render YAML (values.yaml.gotmpl, controlplane.yaml.j2): read line-tolerantly, literal images reported, templated ones marked unresolvable-template.'),
}).describe('imagepin configuration (.github/imagepin.yml)');

export type Config = z.infer<typeof configSchema>;

/** The configuration with no file at all. */
export function defaultConfig(): Config {
  return configSchema.parse({});
}

// The configuration's constants and its defaults without zod, so that a command run with no config
// file (`scan --offline`) never loads the schema library; schema.test.ts keeps them equal.
import { DEFAULT_TEMPLATE_EXTENSIONS } from '../extractors/templates/files.js';
import type { Config } from './schema.js';

/** The rule ids, the public contract of imagepin's findings. */
export const RULE_IDS = [
  'floating-tag', 'missing-tag', 'tag-not-found', 'unpinned-digest', 'pull-policy-skew', 'public-registry', 'registry-self-pull',
  'mirror-fallback', 'stale-digest', 'stateful-major-change', 'numeric-tag', 'unresolvable-template', 'floating-chart-version', 'platform-missing',
  'unresolved-reference',
] as const;
export type RuleId = (typeof RULE_IDS)[number];

export const SEVERITIES = ['off', 'info', 'warning', 'error'] as const;
export type SeveritySetting = (typeof SEVERITIES)[number];

/** Stateful images by repository name (its last path segment), for stateful-major-change. */
export const DEFAULT_STATEFUL_IMAGES = ['postgres', 'postgresql', 'mysql', 'mariadb', 'mongo', 'mongodb', 'redis', 'valkey', 'elasticsearch', 'opensearch',
  'etcd', 'cassandra', 'clickhouse', 'clickhouse-server', 'rabbitmq', 'kafka', 'zookeeper', 'minio', 'influxdb', 'timescaledb', 'cockroach', 'harbor-db', 'percona-server'];

/** Images that make up a registry, as repository globs, for registry-self-pull. */
export const DEFAULT_REGISTRY_IMAGES = ['**/goharbor/*', '**/harbor-*', '**/library/registry', '**/distribution/distribution', '**/project-zot/zot*', '**/zot',
  '**/quay/quay', '**/projectquay/*', '**/sonatype/nexus3', '**/jfrog/artifactory-*'];

/** The configuration with no file at all, the same as `configSchema.parse({})`, built without zod. */
export function plainDefaultConfig(): Config {
  return {
    rules: {},
    ignore: { paths: [], references: [] },
    mirrors: {},
    requireMirror: false,
    statefulImages: [],
    registryImages: [],
    inClusterRegistryHosts: [],
    platforms: [],
    floatingTags: [],
    pinFieldsWithoutDigest: 'tag',
    failOn: 'error',
    deployments: { track: 'auto', grace: '2h', statusContexts: ['kustomization/*/*', 'continuous-delivery/*'], environments: ['**'], checkImages: true },
    templateExtensions: [...DEFAULT_TEMPLATE_EXTENSIONS],
  };
}

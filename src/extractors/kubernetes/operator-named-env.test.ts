import { extractFixture } from '../../../test/helpers/summary.js';

const ENV = (name: string): string => `an image the workload is given in its environment (${name}), as operators are told which images to run`;
const WORKLOAD = 'Deployment stream-operator operator';
const env = (index: number): string => `spec.template.spec.containers[0].env[${index}].value`;

test('operator env under other names: *_IMAGE_NAME and STRIMZI_DEFAULT_MAVEN_BUILDER with a whole reference, at its characters', () => {
  const { occurrences, result } = extractFixture(new URL('.', import.meta.url), 'operator-named-env.yaml', 'deploy/operator.yaml');
  expect(result.diagnostics).toEqual([]);
  const digest = `sha256:${'1'.repeat(64)}`;
  expect(occurrences).toEqual([
    {
      ref: 'registry.example.net/stream/operator:0.50.1', shape: 'string', path: 'spec.template.spec.containers[0].image', workload: WORKLOAD,
      parts: { image: '11:18-11:61 registry.example.net/stream/operator:0.50.1', repository: '11:18-11:54 registry.example.net/stream/operator', tag: '11:55-11:61 0.50.1' },
    },
    {
      ref: 'registry.example.net/stream/maven-builder:0.50.1', shape: 'string', path: env(0), workload: WORKLOAD, notes: [ENV('STRIMZI_DEFAULT_MAVEN_BUILDER')],
      parts: { image: '14:22-14:70 registry.example.net/stream/maven-builder:0.50.1', repository: '14:22-14:63 registry.example.net/stream/maven-builder', tag: '14:64-14:70 0.50.1' },
    },
    {
      ref: 'registry.example.net/stream/operator:0.50.1', shape: 'string', path: env(1), workload: WORKLOAD, notes: [ENV('OPERATOR_IMAGE_NAME')],
      parts: { image: '16:23-16:66 registry.example.net/stream/operator:0.50.1', repository: '16:23-16:59 registry.example.net/stream/operator', tag: '16:60-16:66 0.50.1' },
    },
    {
      ref: `registry.example.net/db/postgresql:17.2@${digest}`, shape: 'string', path: env(2), workload: WORKLOAD, notes: [ENV('POSTGRES_IMAGE_NAME')],
      parts: {
        image: `18:22-18:133 registry.example.net/db/postgresql:17.2@${digest}`, repository: '18:22-18:56 registry.example.net/db/postgresql',
        tag: '18:57-18:61 17.2', digest: `18:62-18:133 ${digest}`,
      },
    },
    // Not taken: a repository with no tag (PGBOUNCER_IMAGE_NAME), localhost:5000, a bare word,
    // DEFAULT_IMAGE_REPO, redis:6379 and minio.example.com:9000 endpoints, a URL, a path, and
    // PUSH_IMAGE_NAME (an image pushed, not run).
  ]);
});

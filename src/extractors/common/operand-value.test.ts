import { isOperandReference, namesImageNotRun } from './operand-value.js';

test.each([
  'registry.example.net/team/app:1.2.3',
  'team/app:latest',
  'postgres:17',
  `registry.example.net/team/app@sha256:${'a'.repeat(64)}`,
  'localhost:5000/team/app:1.0',
  '${REGISTRY}/team/app:1.0',
])('%s is an image reference', (value) => {
  expect(isOperandReference(value)).toBe(true);
});

test.each([
  ['0.0.0.0:8080', 'an address'],
  ['redis.example.com:6379', 'a host:port'],
  ['minio.example.com:9000', 'a host:port'],
  ['localhost:5000', 'a registry host'],
  ['/etc/x.yaml', 'a path'],
  ['./config', 'a relative path'],
  ['https://mon.example.com/', 'a URL'],
  ['oci://registry.example.net/team/app:1.0', 'a URL with a scheme'],
  ['registry.example.net/team', 'a repository with no tag'],
  ['kube-system/kubelet', 'a namespace/name with no tag'],
  ['Always', 'a word'],
  ['a/b:1,c/d:2', 'a list'],
  ['--verbose', 'a flag'],
  ['$(registry)/$(nop)', 'a Kubernetes $(VAR) expansion'],
  ['${IMAGE}', 'a bare variable'],
  ['', 'empty'],
])('%s is not (%s)', (value) => {
  expect(isOperandReference(value)).toBe(false);
});

test('names of images that are pushed, copied or cached are not names of images that run', () => {
  expect(['dest-image', 'target-image', 'cache-image', 'PUSH_IMAGE_NAME', 'source-image', 'OUTPUT_IMAGE_NAME'].filter(namesImageNotRun)).toHaveLength(6);
  expect(['entrypoint-image', 'executor-image', 'acme-http01-solver-image', 'prometheus-config-reloader', 'OPERATOR_IMAGE_NAME', 'POSTGRES_IMAGE_NAME'].filter(namesImageNotRun)).toEqual([]);
});

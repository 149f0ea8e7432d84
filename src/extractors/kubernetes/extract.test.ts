import { extractFixture } from '../../../test/helpers/summary.js';

const D = '0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';

test('every container, init, ephemeral container and image volume, with exact ranges', () => {
  const { occurrences, result } = extractFixture(new URL('.', import.meta.url), 'workloads.yaml');
  expect(result.diagnostics).toEqual([]);
  expect(result.formats).toEqual(['kubernetes']);
  expect(occurrences).toEqual([
    {
      ref: 'docker.io/library/busybox:1.36', shape: 'string', path: 'spec.containers[0].image', pullPolicy: 'Always', workload: 'Pod debug shell',
      parts: { image: '11:15-11:27 busybox:1.36', repository: '11:15-11:22 busybox', tag: '11:23-11:27 1.36' },
    },
    {
      ref: 'ghcr.io/nicolaka/netshoot:v0.13', shape: 'string', path: 'spec.ephemeralContainers[0].image', workload: 'Pod debug probe',
      parts: { image: '15:15-15:46 ghcr.io/nicolaka/netshoot:v0.13', repository: '15:15-15:40 ghcr.io/nicolaka/netshoot', tag: '15:41-15:46 v0.13' },
    },
    {
      ref: 'docker.io/library/busybox', shape: 'string', path: 'spec.template.spec.initContainers[0].image', workload: 'StatefulSet pg init-perms',
      parts: { image: '26:18-26:25 busybox', repository: '26:18-26:25 busybox' },
    },
    {
      ref: `docker.io/library/postgres:16.4@sha256:${D}`, shape: 'string', path: 'spec.template.spec.containers[0].image', pullPolicy: 'IfNotPresent', workload: 'StatefulSet pg postgres',
      parts: { image: `29:18-29:103 postgres:16.4@sha256:${D}`, repository: '29:18-29:26 postgres', tag: '29:27-29:31 16.4', digest: `29:32-29:103 sha256:${D}` },
    },
    {
      ref: 'quay.io/acme/tools:2024.10', shape: 'string', path: 'spec.template.spec.volumes[0].image.reference', pullPolicy: 'IfNotPresent', workload: 'StatefulSet pg volume tools',
      parts: { image: '34:24-34:50 quay.io/acme/tools:2024.10', repository: '34:24-34:42 quay.io/acme/tools', tag: '34:43-34:50 2024.10' },
    },
    {
      ref: '${REPORT_IMAGE}', shape: 'string', path: 'spec.jobTemplate.spec.template.spec.containers[0].image', skip: 'templated', workload: 'CronJob report report',
      parts: { image: '56:22-56:37 ${REPORT_IMAGE}' },
    },
    {
      ref: 'Acme/Report:1', shape: 'string', path: 'spec.jobTemplate.spec.template.spec.containers[1].image', skip: 'invalid-reference', workload: 'CronJob report bad',
      parts: { image: '58:22-58:35 Acme/Report:1' },
    },
    {
      ref: 'ghcr.io/acme/web:main', shape: 'string', path: 'spec.template.spec.containers[0].image', workload: 'Rollout web web',
      parts: { image: '67:39-67:60 ghcr.io/acme/web:main', repository: '67:39-67:55 ghcr.io/acme/web', tag: '67:56-67:60 main' },
    },
  ]);
});

test('an invalid reference says what is wrong with it', () => {
  const { result } = extractFixture(new URL('.', import.meta.url), 'workloads.yaml');
  const bad = result.occurrences.find((o) => o.skipReason === 'invalid-reference');
  expect(bad?.skipDetail).toBe('image name "Acme/Report" must be lowercase');
});

test('a kind: List is read item by item, each image with its own object as the workload', () => {
  const { occurrences, result } = extractFixture(new URL('.', import.meta.url), 'list.yaml');
  expect(result.diagnostics).toEqual([]);
  expect(result.formats).toEqual(['kubernetes']);
  expect(occurrences.map((o) => [o.ref, o.path, o.workload, (o.parts as Record<string, string>).image])).toEqual([
    ['ghcr.io/acme/notes:4.2.0', 'items[1].spec.template.spec.containers[0].image', 'Deployment notes web', '22:22-22:46 ghcr.io/acme/notes:4.2.0'],
    ['docker.io/library/postgres:16', 'items[2].spec.jobTemplate.spec.template.spec.containers[0].image', 'CronJob notes-backup dump', '34:26-34:37 postgres:16'],
  ]);
});

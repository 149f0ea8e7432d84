import { extractFixture } from '../../../test/helpers/summary.js';

const NOTE = (name: string): string => `an image the workload is given in its environment (${name}), as operators are told which images to run`;

test('operator env: *_IMAGE and RELATED_IMAGE_* values, and each line of a *_IMAGES list, at their own lines and columns', () => {
  const { occurrences, result } = extractFixture(new URL('.', import.meta.url), 'operator-env.yaml', 'patches/operator-env.yaml');
  expect(result.diagnostics).toEqual([]);
  const env = 'spec.template.spec.containers[0].env';
  expect(occurrences).toEqual([
    {
      ref: 'registry.example.net/queue/exporter:1.4.0', shape: 'string', path: `${env}[0].value`, workload: 'Deployment queue-operator manager', notes: [NOTE('QUEUE_DEFAULT_EXPORTER_IMAGE')],
      parts: { image: '13:22-13:63 registry.example.net/queue/exporter:1.4.0', repository: '13:22-13:57 registry.example.net/queue/exporter', tag: '13:58-13:63 1.4.0' },
    },
    {
      ref: 'registry.example.net/queue/console:2.0.1', shape: 'string', path: `${env}[1].value`, workload: 'Deployment queue-operator manager', notes: [NOTE('RELATED_IMAGE_console')],
      parts: { image: '15:23-15:63 registry.example.net/queue/console:2.0.1', repository: '15:23-15:57 registry.example.net/queue/console', tag: '15:58-15:63 2.0.1' },
    },
    {
      ref: 'registry.example.net/queue/broker:0.9.0-b3.6.0', shape: 'string', path: `${env}[2].value`, workload: 'Deployment queue-operator manager', notes: [NOTE('QUEUE_BROKER_IMAGES')],
      parts: { image: '18:23-18:69 registry.example.net/queue/broker:0.9.0-b3.6.0', repository: '18:23-18:56 registry.example.net/queue/broker', tag: '18:57-18:69 0.9.0-b3.6.0' },
    },
    {
      ref: 'registry.example.net/queue/broker:0.9.0-b3.7.1', shape: 'string', path: `${env}[2].value`, workload: 'Deployment queue-operator manager', notes: [NOTE('QUEUE_BROKER_IMAGES')],
      parts: { image: '19:23-19:69 registry.example.net/queue/broker:0.9.0-b3.7.1', repository: '19:23-19:56 registry.example.net/queue/broker', tag: '19:57-19:69 0.9.0-b3.7.1' },
    },
  ]);
});

import { extractFixture } from '../../../test/helpers/summary.js';

// Decision 0056: operator and Tekton conventions the generic image-field walk does not see.

test('Tekton: a step image that is a param runs the param default, reported where the default is written', () => {
  const { occurrences, result } = extractFixture(new URL('.', import.meta.url), 'tekton.yaml');
  expect(result.diagnostics).toEqual([]);
  const runnerNote = 'the default of Tekton param runner, which the images at line 14 ($(params.runner)) and line 18 ($(params.runner)) run; a TaskRun or PipelineRun that passes runner runs another image';
  expect(occurrences).toEqual([
    {
      ref: 'registry.example.org/ci/runner:3.2', shape: 'string', path: 'spec.params[0].default', workload: 'Task lint', pullPolicy: 'Always',
      parts: { image: '9:17-9:51 registry.example.org/ci/runner:3.2', repository: '9:17-9:47 registry.example.org/ci/runner', tag: '9:48-9:51 3.2' },
      notes: [runnerNote],
    },
    // No default: filled in at run time, not an invalid reference.
    { ref: '$(params.helper)', shape: 'string', path: 'spec.steps[2].image', workload: 'Task lint', skip: 'templated', parts: { image: '20:15-20:31 $(params.helper)' } },
    // A param inside the string: the tag is not known.
    {
      ref: 'registry.example.org/ci/notify:$(params.runner)', shape: 'string', path: 'spec.steps[3].image', workload: 'Task lint', skip: 'templated',
      parts: { image: '22:14-22:61 registry.example.org/ci/notify:$(params.runner)' },
    },
    {
      ref: 'docker.io/library/busybox:1.37', shape: 'string', path: 'spec.steps[4].image', workload: 'Task lint',
      parts: { image: '24:14-24:26 busybox:1.37', repository: '24:14-24:21 busybox', tag: '24:22-24:26 1.37' },
    },
    {
      ref: 'ghcr.io/example/git-init:v1.0@sha256:1111111111111111111111111111111111111111111111111111111111111111', shape: 'string',
      path: 'spec.tasks[0].taskSpec.params[0].default', workload: 'Pipeline build',
      parts: {
        image: '36:22-36:123 ghcr.io/example/git-init:v1.0@sha256:1111111111111111111111111111111111111111111111111111111111111111',
        repository: '36:22-36:46 ghcr.io/example/git-init', tag: '36:47-36:51 v1.0',
        digest: '36:52-36:123 sha256:1111111111111111111111111111111111111111111111111111111111111111',
      },
      notes: ['the default of Tekton param cloneImage, which the image at line 39 ($(inputs.params.cloneImage)) runs; a TaskRun or PipelineRun that passes cloneImage runs another image'],
    },
    // The same text in a resource of another group is not read as a Tekton param.
    { ref: '$(params.runner)', shape: 'string', path: 'spec.image', workload: 'Widget not-tekton', skip: 'invalid-reference', parts: { image: '46:10-46:26 $(params.runner)' } },
  ]);
  const templated = result.occurrences.filter((o) => o.skipReason === 'templated').map((o) => o.skipDetail);
  expect(templated).toEqual([
    'Tekton parameter $(params.helper) is filled in when the task runs, and the task gives no default for it',
    'a Tekton parameter in registry.example.org/ci/notify:$(params.runner) is filled in when the task runs',
  ]);
});

test('Confluent for Kubernetes: spec.image.application and spec.image.init are images the operator runs; the keys elsewhere are not', () => {
  const { occurrences, result } = extractFixture(new URL('.', import.meta.url), 'confluent.yaml');
  expect(result.diagnostics).toEqual([]);
  expect(occurrences).toEqual([
    {
      ref: 'docker.io/confluentinc/cp-server:8.0.1', shape: 'string', path: 'spec.image.application', workload: 'Kafka brokers', pullPolicy: 'IfNotPresent',
      parts: { image: '8:18-8:46 confluentinc/cp-server:8.0.1', repository: '8:18-8:40 confluentinc/cp-server', tag: '8:41-8:46 8.0.1' },
    },
    {
      ref: 'docker.io/confluentinc/confluent-init-container:3.0.1', shape: 'string', path: 'spec.image.init', workload: 'Kafka brokers', pullPolicy: 'IfNotPresent',
      parts: { image: '9:11-9:54 confluentinc/confluent-init-container:3.0.1', repository: '9:11-9:48 confluentinc/confluent-init-container', tag: '9:49-9:54 3.0.1' },
    },
    {
      ref: 'docker.io/confluentinc/cp-enterprise-control-center-next-gen:2.2.0', shape: 'string', path: 'spec.image.application', workload: 'ControlCenter c3',
      parts: {
        image: '18:18-18:84 docker.io/confluentinc/cp-enterprise-control-center-next-gen:2.2.0',
        repository: '18:18-18:78 docker.io/confluentinc/cp-enterprise-control-center-next-gen', tag: '18:79-18:84 2.2.0',
      },
    },
    {
      ref: 'docker.io/confluentinc/confluent-init-container:3.0.1', shape: 'string', path: 'spec.image.init', workload: 'ControlCenter c3',
      parts: { image: '19:11-19:54 confluentinc/confluent-init-container:3.0.1', repository: '19:11-19:48 confluentinc/confluent-init-container', tag: '19:49-19:54 3.0.1' },
    },
    {
      ref: 'docker.io/confluentinc/cp-enterprise-prometheus:2.2.0', shape: 'string', path: 'spec.services.prometheus.image', workload: 'ControlCenter c3',
      parts: { image: '22:14-22:57 confluentinc/cp-enterprise-prometheus:2.2.0', repository: '22:14-22:51 confluentinc/cp-enterprise-prometheus', tag: '22:52-22:57 2.2.0' },
    },
  ]);
});

test('Crossplane: the package of a Provider, Function or Configuration is an image, its pull policy packagePullPolicy', () => {
  const { occurrences, result } = extractFixture(new URL('.', import.meta.url), 'crossplane.yaml');
  expect(result.diagnostics).toEqual([]);
  expect(occurrences).toEqual([
    {
      ref: 'xpkg.example.io/acme/fn-a:v0.1.0', shape: 'string', path: 'spec.package', workload: 'Function fn-a', pullPolicy: 'IfNotPresent',
      parts: { image: '6:12-6:44 xpkg.example.io/acme/fn-a:v0.1.0', repository: '6:12-6:37 xpkg.example.io/acme/fn-a', tag: '6:38-6:44 v0.1.0' },
    },
    {
      ref: 'ghcr.io/acme/provider-widgets:v2.3.1', shape: 'string', path: 'spec.package', workload: 'Provider provider-widgets',
      parts: { image: '14:13-14:49 ghcr.io/acme/provider-widgets:v2.3.1', repository: '14:13-14:42 ghcr.io/acme/provider-widgets', tag: '14:43-14:49 v2.3.1' },
    },
    {
      ref: `registry.example.net/platform/apis:1.4.0@sha256:${'2'.repeat(64)}`, shape: 'string', path: 'spec.package', workload: 'Configuration platform-apis',
      parts: {
        image: `23:12-23:124 registry.example.net/platform/apis:1.4.0@sha256:${'2'.repeat(64)}`,
        repository: '23:12-23:46 registry.example.net/platform/apis', tag: '23:47-23:52 1.4.0', digest: `23:53-23:124 sha256:${'2'.repeat(64)}`,
      },
      notes: ['a Crossplane Configuration package: Crossplane pulls and installs it, and runs no container of it'],
    },
    // No registry host: Crossplane's --registry flag completes it, not Docker Hub; not guessed.
    { ref: 'acme/fn-short:v0.2.0', shape: 'string', path: 'spec.package', workload: 'Function fn-short', skip: 'invalid-reference', parts: { image: '30:12-30:32 acme/fn-short:v0.2.0' } },
    // A DeploymentRuntimeConfig's containers are read by the generic walk (the image its Deployment runs instead of the package's).
    {
      ref: 'ghcr.io/acme/provider-widgets-debug:v2.3.1', shape: 'string', path: 'spec.deploymentTemplate.spec.template.spec.containers[0].image',
      workload: 'DeploymentRuntimeConfig widgets-runtime', pullPolicy: 'Always',
      parts: { image: '44:22-44:64 ghcr.io/acme/provider-widgets-debug:v2.3.1', repository: '44:22-44:57 ghcr.io/acme/provider-widgets-debug', tag: '44:58-44:64 v2.3.1' },
    },
  ]);
  expect(result.occurrences[3]?.skipDetail).toMatch(/^a Crossplane package without a registry host: Crossplane completes it with its --registry flag/);
  expect(result.occurrences[3]?.reference).toBeUndefined();
});

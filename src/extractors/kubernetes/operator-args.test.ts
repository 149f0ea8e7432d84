import { extractFixture } from '../../../test/helpers/summary.js';

const ARG = (flag: string, where = 'arguments'): string => `an image the container is given in its ${where} (${flag}), as controllers are told which images to start`;
const c0 = 'spec.template.spec.containers[0]';
const c1 = 'spec.template.spec.containers[1]';
const TEKTON = 'Deployment pipeline-controller controller';
const MONITOR = 'Deployment pipeline-controller monitor-operator';

test('controller arguments: `-flag value` pairs and `--flag=value` items of image flags, at the value\'s characters', () => {
  const { occurrences, result } = extractFixture(new URL('.', import.meta.url), 'controller-args.yaml', 'deploy/controller.yaml');
  expect(result.diagnostics).toEqual([]);
  const digest = `sha256:${'2'.repeat(64)}`;
  expect(occurrences).toEqual([
    {
      ref: 'registry.example.net/pipes/controller:v0.70.0', shape: 'string', path: `${c0}.image`, workload: TEKTON,
      parts: { image: '11:18-11:63 registry.example.net/pipes/controller:v0.70.0', repository: '11:18-11:55 registry.example.net/pipes/controller', tag: '11:56-11:63 v0.70.0' },
    },
    {
      ref: 'registry.example.net/pipes/entrypoint:v0.70.0', shape: 'string', path: `${c0}.args[1]`, workload: TEKTON, notes: [ARG('-entrypoint-image')],
      parts: { image: '14:15-14:60 registry.example.net/pipes/entrypoint:v0.70.0', repository: '14:15-14:52 registry.example.net/pipes/entrypoint', tag: '14:53-14:60 v0.70.0' },
    },
    {
      ref: `registry.example.net/pipes/nop@${digest}`, shape: 'string', path: `${c0}.args[3]`, workload: TEKTON, notes: [ARG('-nop-image')],
      parts: { image: `16:16-16:118 registry.example.net/pipes/nop@${digest}`, repository: '16:16-16:46 registry.example.net/pipes/nop', digest: `16:47-16:118 ${digest}` },
    },
    {
      ref: 'registry.example.net/base/shell:1.37', shape: 'string', path: `${c0}.args[5]`, workload: TEKTON, notes: [ARG('-shell-image')],
      parts: { image: '18:16-18:52 registry.example.net/base/shell:1.37', repository: '18:16-18:47 registry.example.net/base/shell', tag: '18:48-18:52 1.37' },
    },
    // -kubeconfig-writer-image $(registry)/$(kubeconfigwriter): Kubernetes expands it from env, not read.
    {
      ref: 'registry.example.net/mon/operator:v0.80.0', shape: 'string', path: `${c1}.image`, workload: MONITOR,
      parts: { image: '26:18-26:59 registry.example.net/mon/operator:v0.80.0', repository: '26:18-26:51 registry.example.net/mon/operator', tag: '26:52-26:59 v0.80.0' },
    },
    {
      ref: 'registry.example.net/flow/exec:v3.6.2', shape: 'string', path: `${c1}.command[2]`, workload: MONITOR, notes: [ARG('--executor-image', 'command')],
      parts: { image: '30:15-30:52 registry.example.net/flow/exec:v3.6.2', repository: '30:15-30:45 registry.example.net/flow/exec', tag: '30:46-30:52 v3.6.2' },
    },
    {
      ref: 'registry.example.net/mon/config-reloader:v0.80.0', shape: 'string', path: `${c1}.args[0]`, workload: MONITOR, notes: [ARG('--prometheus-config-reloader')],
      parts: { image: '32:44-32:92 registry.example.net/mon/config-reloader:v0.80.0', repository: '32:44-32:84 registry.example.net/mon/config-reloader', tag: '32:85-32:92 v0.80.0' },
    },
    {
      ref: 'registry.example.net/mon/configmap-reload:v0.15.0', shape: 'string', path: `${c1}.args[1]`, workload: MONITOR, notes: [ARG('--config-reloader-image')],
      parts: { image: '33:40-33:89 registry.example.net/mon/configmap-reload:v0.15.0', repository: '33:40-33:81 registry.example.net/mon/configmap-reload', tag: '33:82-33:89 v0.15.0' },
    },
    {
      ref: '${REGISTRY}/flow/init:v1.0.0', shape: 'string', path: `${c1}.args[13]`, workload: MONITOR, notes: [ARG('--init-image')], skip: 'templated',
      parts: { image: '45:28-45:56 ${REGISTRY}/flow/init:v1.0.0' },
    },
    // Not taken: --listen-address=0.0.0.0:8080, --config-file=/etc/x.yaml, a URL, the pull policy
    // `Always`, --image-registry=registry.local:5000, a repository with no tag, kube-system/kubelet,
    // and images pushed or cached, not run (--dest-image=…, --cache-image …).
  ]);
});

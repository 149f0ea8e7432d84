import { extractFixture } from '../../../test/helpers/summary.js';

const ARG = (flag: string): string => `an image the container is given in its arguments (${flag}), as controllers are told which images to start`;

test('Helm values: image flags in `extraArgs` and in a values container\'s `args`, and keys named as image variables, are occurrences at the value\'s characters; other flags and keys are not', () => {
  const { occurrences, result } = extractFixture(new URL('.', import.meta.url), 'operator-args-values.yaml', 'values.yaml');
  expect(result.diagnostics).toEqual([]);
  expect(occurrences).toEqual([
    { ref: 'registry.example.org/certs/controller:v1.19.0', shape: 'fields', path: 'image', parts: { repository: '3:15-3:52 registry.example.org/certs/controller', tag: '4:8-4:15 v1.19.0' } },
    {
      ref: 'registry.example.org/certs/acmesolver:v1.19.0', shape: 'string', path: 'extraArgs[0]', notes: [ARG('--acme-http01-solver-image')],
      parts: { image: '6:32-6:77 registry.example.org/certs/acmesolver:v1.19.0', repository: '6:32-6:69 registry.example.org/certs/acmesolver', tag: '6:70-6:77 v1.19.0' },
    },
    {
      ref: 'registry.example.org/tools/reloader:v2.1.0', shape: 'string', path: 'sidecars[0].image',
      parts: { image: '11:12-11:54 registry.example.org/tools/reloader:v2.1.0', repository: '11:12-11:47 registry.example.org/tools/reloader', tag: '11:48-11:54 v2.1.0' },
    },
    {
      ref: 'registry.example.org/tools/helper:v2.1.0', shape: 'string', path: 'sidecars[0].args[2]', notes: [ARG('--helper-image')],
      parts: { image: '12:57-12:97 registry.example.org/tools/helper:v2.1.0', repository: '12:57-12:90 registry.example.org/tools/helper', tag: '12:91-12:97 v2.1.0' },
    },
    {
      ref: 'registry.example.org/db/postgresql:17.2', shape: 'string', path: 'config.data.POSTGRES_IMAGE_NAME',
      notes: ['an image under a key named as an image variable (POSTGRES_IMAGE_NAME), as charts pass such keys to operators as settings or env'],
      parts: { image: '17:26-17:65 registry.example.org/db/postgresql:17.2', repository: '17:26-17:60 registry.example.org/db/postgresql', tag: '17:61-17:65 17.2' },
    },
  ]);
});

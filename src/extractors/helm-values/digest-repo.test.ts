import { extractFixture } from '../../../test/helpers/summary.js';

const here = new URL('.', import.meta.url);
const D1 = 'sha256:1111111111111111111111111111111111111111111111111111111111111111';

test('a digest in the tag and the same digest beside it is one reference, not a digest written twice', () => {
  const { occurrences, result } = extractFixture(here, 'digest-twice-values.yaml', 'values.yaml');
  expect(result.diagnostics).toEqual([]);
  const gateway = occurrences.find((o) => o.path === 'gateway.image');
  expect(gateway).toMatchObject({
    ref: `registry.example.org/mirror/edge-gateway:v2.8.1@${D1}`, shape: 'fields',
    notes: ['the tag already carries the digest written at gateway.image.digest'],
    parts: { repository: '4:17-4:57 registry.example.org/mirror/edge-gateway', tag: `5:10-5:88 v2.8.1@${D1}`, digest: `6:13-6:84 ${D1}` },
  });
});

test('two different digests (tag and digest field) are not joined into one: invalid, with the reason', () => {
  const { result } = extractFixture(here, 'digest-twice-values.yaml', 'values.yaml');
  const conflicting = result.occurrences.find((o) => o.path.join('.') === 'conflicting.image');
  expect(conflicting?.skipReason).toBe('invalid-reference');
  expect(conflicting?.skipDetail).toMatch(/^the tag carries the digest sha256:2{64} and conflicting\.image\.digest is sha256:3{64}: which one the chart uses is not known$/);
});

test('`repo` beside a tag under an image key is the repository (Kiali operator); a git `repo` elsewhere is not an image', () => {
  const { occurrences } = extractFixture(here, 'digest-twice-values.yaml', 'values.yaml');
  const operator = occurrences.find((o) => o.path === 'image');
  expect(operator).toMatchObject({ ref: 'quay.example.org/team/dashboard-operator:v4.0.2', parts: { repository: '13:9-13:49 quay.example.org/team/dashboard-operator', tag: '14:8-14:14 v4.0.2' } });
  expect(occurrences.map((o) => o.path)).toEqual(['gateway.image', 'conflicting.image', 'image']);
});

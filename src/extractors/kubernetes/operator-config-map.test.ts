import { extractFixture } from '../../../test/helpers/summary.js';

const NOTE = (key: string): string => `an image named in ConfigMap data (${key}): an operator reads it as a setting, or a workload's envFrom makes it an env variable`;
const WORKLOAD = 'ConfigMap disk-operator-config';

test('ConfigMap data keys named as image variables are occurrences at their characters; other keys and ConfigMaps are not read', () => {
  const { occurrences, result } = extractFixture(new URL('.', import.meta.url), 'operator-config-map.yaml', 'storage/operator-config.yaml');
  expect(result.diagnostics).toEqual([]);
  expect(result.formats).toEqual(['kubernetes']);
  expect(occurrences).toEqual([
    {
      ref: 'registry.example.net/csi/cephcsi:v3.14.1', shape: 'string', path: 'data.ROOK_CSI_CEPH_IMAGE', workload: WORKLOAD, notes: [NOTE('ROOK_CSI_CEPH_IMAGE')],
      parts: { image: '10:25-10:65 registry.example.net/csi/cephcsi:v3.14.1', repository: '10:25-10:57 registry.example.net/csi/cephcsi', tag: '10:58-10:65 v3.14.1' },
    },
    {
      ref: 'registry.example.net/sig-storage/csi-node-driver-registrar:v2.13.0', shape: 'string', path: 'data.ROOK_CSI_REGISTRAR_IMAGE', workload: WORKLOAD, notes: [NOTE('ROOK_CSI_REGISTRAR_IMAGE')],
      parts: {
        image: '11:29-11:95 registry.example.net/sig-storage/csi-node-driver-registrar:v2.13.0',
        repository: '11:29-11:87 registry.example.net/sig-storage/csi-node-driver-registrar', tag: '11:88-11:95 v2.13.0',
      },
    },
    {
      ref: 'registry.example.net/db/postgresql:17.2', shape: 'string', path: 'data.POSTGRES_IMAGE_NAME', workload: WORKLOAD, notes: [NOTE('POSTGRES_IMAGE_NAME')],
      parts: { image: '14:24-14:63 registry.example.net/db/postgresql:17.2', repository: '14:24-14:58 registry.example.net/db/postgresql', tag: '14:59-14:63 17.2' },
    },
  ]);
});

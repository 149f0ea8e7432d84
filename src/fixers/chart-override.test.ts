import { defaultOccurrences } from '../charts/defaults.js';
import type { FetchedChart } from '../charts/fetch.js';
import { scanSource } from '../engine/scan.js';
import { MemorySource } from '../sources/memory.js';
import { planChartOverride } from './chart-override.js';
import { applyEdits } from './splice.js';

// The chart-override fix of a HelmRelease whose valuesFrom layers of the tree set part of a chart default image (decision 0048).

const chart: FetchedChart = {
  version: '2.1.0', refused: [],
  files: new Map([
    ['Chart.yaml', 'apiVersion: v2\nname: relay\nversion: 2.1.0\nappVersion: 2.1.0\n'],
    ['values.yaml', 'helper:\n  image:\n    repository: ghcr.io/acme/helper\n    tag: latest\n'],
  ]),
};
const digest = `sha256:${'ab'.repeat(32)}`;
const hr = (entries: string): string => `apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: relay
spec:
  chart:
    spec: {chart: relay, version: 2.1.0}
  valuesFrom:
    - kind: ConfigMap
      name: relay-values
${entries}  values:
    replicas: 1
`;

/** The override planned for the helper chart default, and what its re-check says runs after the edit. */
async function plan(entries: string): Promise<{ reason?: string; intended?: string; confirmed?: string }> {
  const text = hr(entries);
  const inventory = await scanSource(new MemorySource({
    'relay/hr.yaml': text,
    'relay/kustomization.yaml': 'kind: Kustomization\nresources: [hr.yaml]\ngeneratorOptions:\n  disableNameSuffixHash: true\nconfigMapGenerator:\n  - name: relay-values\n    files: [values.yaml]\n',
    // The values file moves the helper to a mirror and leaves its tag to the chart.
    'relay/values.yaml': 'helper:\n  image:\n    repository: registry.example.com/mirror/helper\n',
  }));
  const ref = inventory.charts.find((c) => c.file === 'relay/hr.yaml')!;
  const occ = defaultOccurrences(ref, chart).find((o) => o.raw.includes('helper'))!;
  const origin = { ref, chart, relPath: occ.path.slice(ref.valuesPath?.length ?? 0) };
  const fix = planChartOverride(occ, { reference: occ.reference!.canonical, status: 'resolved', digest, version: 'latest', versionSource: 'tag' }, origin, text);
  if (!fix || 'reason' in fix) return { reason: fix?.reason };
  return { intended: fix.intended, confirmed: fix.confirm?.(applyEdits(text, fix.edits)) };
}

test('the re-check merges the edited spec.values over the valuesFrom layers of the tree, so the mirrored repository is kept', async () => {
  const intended = `registry.example.com/mirror/helper:latest@${digest}`;
  // Before decision 0048 the re-check read spec.values alone and found the chart's ghcr.io/acme/helper instead.
  expect(await plan('')).toEqual({ intended, confirmed: intended });
});

test('no override is written under a valuesFrom targetPath: Flux\'s documentation and its code disagree on which wins', async () => {
  const secret = '    - kind: Secret\n      name: relay-secret\n      valuesKey: tag\n      targetPath: helper.image.tag\n';
  expect((await plan(secret)).reason).toBe("no override written: valuesFrom targetPath helper.image.tag of relay/hr.yaml may set this image too, and Flux's documentation says a targetPath wins over spec.values (its helm-controller merges spec.values last); pin the value that entry reads instead");
  // A targetPath elsewhere does not stop it.
  expect((await plan(secret.replace('helper.image.tag', 'replicas'))).intended).toBe(`registry.example.com/mirror/helper:latest@${digest}`);
});

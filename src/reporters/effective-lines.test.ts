import type { Effective } from '../model/occurrence.js';
import { effectiveLine } from './effective-lines.js';

const place = (file: string, line?: number): string => (line ? `${file}:${line}` : file);
const literal = (text: string): string => `'${text}'`;
const ref = (canonical: string) => ({ registry: 'ghcr.io', repository: 'acme/api', canonical });

test('each kind of context is named so a reader finds it; a chart appVersion has none', () => {
  const app: Effective = { for: { kind: 'argocd-application', file: 'argocd/api.yaml', name: 'api' }, raw: 'ghcr.io/acme/api:2.4.1', reference: ref('ghcr.io/acme/api:2.4.1'),
    provenance: [{ kind: 'argo-value-files', file: 'charts/api/values-production.yaml', line: 3, detail: 'sets image.tag' }, { kind: 'argo-value-files', file: 'charts/api/values-production.yaml', line: 3, detail: 'again' }] };
  expect(effectiveLine(app, place, literal)).toBe("Runs as 'ghcr.io/acme/api:2.4.1' in Argo CD Application 'api' (set by charts/api/values-production.yaml:3).");
  const element: Effective = { for: { kind: 'applicationset-element', file: 'argocd/workers.yaml', name: 'workers', element: 2 }, raw: 'ghcr.io/acme/api:{{ .tag }}', provenance: [], unknown: 'element 2 has no key tag.' };
  expect(effectiveLine(element, place, literal)).toBe("In ApplicationSet 'workers' element 2 (argocd/workers.yaml), imagepin could not tell what runs: element 2 has no key tag.");
  const chart: Effective = { raw: 'ghcr.io/acme/api', provenance: [], unknown: 'the chart\'s Chart.yaml is not in the tree' };
  expect(effectiveLine(chart, place, literal)).toBe("imagepin could not tell what runs here: the chart's Chart.yaml is not in the tree.");
  const version: Effective = { raw: 'ghcr.io/acme/api:3.0.0', reference: ref('ghcr.io/acme/api:3.0.0'), provenance: [{ kind: 'chart-app-version', file: 'charts/api/Chart.yaml', line: 5, detail: 'appVersion 3.0.0' }] };
  expect(effectiveLine(version, place, literal)).toBe("Runs as 'ghcr.io/acme/api:3.0.0' (set by charts/api/Chart.yaml:5).");
});

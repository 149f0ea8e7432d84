import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { main } from '../../src/cli/main.js';

// A tree of our own: a matrix of the folders under clusters/ and, per folder, its images.yaml.
const TREE: Record<string, string> = {
  'argocd/monitoring.yaml': `apiVersion: argoproj.io/v1alpha1
kind: ApplicationSet
metadata:
  name: monitoring
spec:
  goTemplate: true
  generators:
    - matrix:
        generators:
          - git:
              repoURL: https://github.com/acme/platform.git
              revision: HEAD
              directories:
                - path: clusters/*
          - git:
              repoURL: https://github.com/acme/platform.git
              revision: HEAD
              files:
                - path: '{{ .path.path }}/images.yaml'
  template:
    metadata:
      name: 'monitoring-{{ .path.basename }}'
    spec:
      project: default
      source:
        repoURL: https://charts.acme.example
        chart: node-exporter
        targetRevision: 4.0.0
        helm:
          parameters:
            - name: image.repository
              value: quay.io/prometheus/node-exporter
            - name: image.tag
              value: '{{ .exporter }}'
      destination:
        server: '{{ .server }}'
        namespace: monitoring
`,
  'clusters/lab/images.yaml': 'server: https://lab.acme.example\nexporter: latest\n',
  'clusters/prod/images.yaml': 'server: https://prod.acme.example\nexporter: v1.8.2\n',
  'clusters/README.md': 'one folder per cluster\n',
};

interface JsonEffective { for?: { kind: string; file: string; element?: number }; raw: string; reference?: { canonical: string }; unknown?: string; provenance: { kind: string; file: string; line?: number }[] }
interface JsonFinding { ruleId: string; file: string; effective?: { reference: string; for?: { element?: number }; provenance: { file: string }[] } }

test('imagepin scan --offline --format json expands an ApplicationSet matrix of git directories and files, and checks what each element runs', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'imagepin-appset-'));
  for (const [file, text] of Object.entries(TREE)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  let stdout = '';
  let stderr = '';
  const code = await main(['scan', dir, '--offline', '--format', 'json'], { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), isTTY: false }, {});
  rmSync(dir, { recursive: true, force: true });
  expect(code).toBe(0);
  expect(stderr).toBe('');
  const report = JSON.parse(stdout) as { occurrences: { file: string; raw: string; effective?: JsonEffective[] }[]; findings: JsonFinding[] };
  const occ = report.occurrences.find((o) => o.file === 'argocd/monitoring.yaml')!;
  expect(occ.raw).toBe('quay.io/prometheus/node-exporter:{{ .exporter }}');
  expect(occ.effective!.map((e) => [e.for?.element, e.reference?.canonical, e.provenance.map((p) => `${p.kind} ${p.file}:${p.line}`)])).toEqual([
    [0, 'quay.io/prometheus/node-exporter:latest', ['applicationset-git-files clusters/lab/images.yaml:2']],
    [1, 'quay.io/prometheus/node-exporter:v1.8.2', ['applicationset-git-files clusters/prod/images.yaml:2']],
  ]);
  const floating = report.findings.filter((f) => f.ruleId === 'floating-tag' && f.file === 'argocd/monitoring.yaml');
  expect(floating.map((f) => [f.effective?.reference, f.effective?.for?.element, f.effective?.provenance.map((p) => p.file)])).toEqual([['quay.io/prometheus/node-exporter:latest', 0, ['clusters/lab/images.yaml']]]);
});

import fc from 'fast-check';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { extractFile } from './index.js';
import type { FileResult } from '../model/file-result.js';

const FILE_NAMES = ['values.yaml', 'deploy.yaml', 'kustomization.yaml', 'helmfile.yaml', 'compose.yaml', 'talos/worker.yaml', 'certs.d/docker.io/hosts.toml', 'Chart.yaml'];

/** What "never fails" means: no throw, no internal error, and every span inside the text. */
function checkTotal(file: string, text: string): FileResult {
  const result = extractFile(file, text);
  expect(result.diagnostics.filter((d) => d.code === 'internal-error')).toEqual([]);
  for (const occ of result.occurrences) {
    for (const part of Object.values(occ.parts)) {
      expect(part.span.start.offset).toBeGreaterThanOrEqual(0);
      expect(part.span.end.offset).toBeLessThanOrEqual(text.length);
      expect(part.span.start.offset).toBeLessThanOrEqual(part.span.end.offset);
    }
  }
  return result;
}

const KEYS = ['image', 'repository', 'tag', 'registry', 'digest', 'containers', 'initContainers', 'spec', 'template', 'values', 'helm', 'source', 'sources',
  'kind', 'apiVersion', 'name', 'newName', 'newTag', 'images', 'global', 'imageRegistry', 'machine', 'registries', 'mirrors', 'endpoints', 'releases', 'services',
  'valuesObject', 'parameters', 'chart', 'version', 'url', 'ref', 'metadata', 'jobTemplate', 'volumes', 'reference', 'pullPolicy', '<<', 'kubectlImage'];
const VALUES = ['nginx', 'nginx:1.27', 'ghcr.io/a/b:1@sha256:' + 'a'.repeat(64), 'Deployment', 'HelmRelease', 'Application', 'Kustomization', 'CronJob',
  'helm.toolkit.fluxcd.io/v2', 'argoproj.io/v1alpha1', 'apps/v1', 'v1alpha1', '{{ .Values.x }}', '${TAG}', 'image: nginx:1\n', 'oci://ghcr.io/x', '', 'a b c', '3.10', 'sha256:'];

const value = fc.constantFrom(...VALUES);
const yamlTree = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, tie('leaf'), tie('map'), tie('list'), tie('imageish')),
  imageish: fc.oneof(
    fc.record({ image: value }),
    fc.record({ repository: value, tag: fc.oneof(value, fc.double()), registry: value }, { requiredKeys: ['repository'] }),
    fc.record({ containers: fc.array(fc.record({ name: value, image: value }), { maxLength: 2 }) }),
  ),
  leaf: fc.oneof(fc.constantFrom(...VALUES), fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.constant(null)),
  map: fc.dictionary(fc.oneof(fc.constantFrom(...KEYS), fc.string()), tie('node'), { maxKeys: 6 }),
  list: fc.array(tie('node'), { maxLength: 4 }),
}));

describe('the engine never throws and never loses positions', () => {
  test('arbitrary text under every file name', () => {
    fc.assert(fc.property(fc.constantFrom(...FILE_NAMES), fc.string({ unit: 'binary', maxLength: 400 }), (file, text) => {
      checkTotal(file, text);
    }), { numRuns: 2000 });
  });

  test('generated GitOps-shaped YAML documents', () => {
    let found = 0;
    fc.assert(fc.property(fc.constantFrom(...FILE_NAMES), fc.array(yamlTree.map, { minLength: 1, maxLength: 3 }), (file, docs) => {
      found += checkTotal(file, docs.map((d) => stringify(d)).join('---\n')).occurrences.length;
    }), { numRuns: 2000 });
    // The generator must reach the extractors, or this property proves nothing.
    expect(found).toBeGreaterThan(100);
  });

  test('random edits of every fixture', () => {
    const root = fileURLToPath(new URL('.', import.meta.url));
    const fixtures: [string, string][] = [];
    const walk = (dir: string): void => {
      for (const name of readdirSync(dir)) {
        const full = join(dir, name);
        if (statSync(full).isDirectory()) walk(full);
        else if (full.includes('__fixtures__')) fixtures.push([full.slice(full.indexOf('__fixtures__') + 13), readFileSync(full, 'utf8')]);
      }
    };
    walk(root);
    expect(fixtures.length).toBeGreaterThan(8);
    const edit = fc.record({ at: fc.nat(), remove: fc.nat({ max: 12 }), insert: fc.constantFrom('', ':', '"', "'", '{{', '&a ', '*a', '\n  ', '- ', '[', '}', '#', '\t', '@sha256:', '|') });
    fc.assert(fc.property(fc.constantFrom(...fixtures), fc.array(edit, { minLength: 1, maxLength: 4 }), ([file, original], edits) => {
      let text = original;
      for (const e of edits) {
        const at = e.at % (text.length + 1);
        text = text.slice(0, at) + e.insert + text.slice(at + e.remove);
      }
      checkTotal(file, text);
    }), { numRuns: 3000 });
  });
});

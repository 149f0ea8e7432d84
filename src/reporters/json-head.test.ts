import type { Inventory } from '../engine/scan.js';
import { jsonHead, jsonHeadChunks } from './json.js';

// A head with lists longer than one batch (1,000 entries), one exactly a batch, keys left undefined and an empty list.
function head(files: number): Omit<Inventory, 'occurrences'> {
  return {
    source: 'tree "quoted" é',
    files: Array.from({ length: files }, (_, i) => ({ file: `apps/${i}/deployment.yaml`, formats: ['kubernetes'], ...(i % 7 === 0 && { skipped: undefined }) })) as Inventory['files'],
    charts: [],
    mirrors: [],
    repositories: Array.from({ length: 1000 }, (_, i) => ({ file: `r/${i}.yaml`, name: `repo-${i}` })) as unknown as Inventory['repositories'],
    registryHosts: undefined,
    diagnostics: [{ file: 'x.yaml', code: 'parse-error', message: 'line 1: \u2028 bad' }] as unknown as Inventory['diagnostics'],
  };
}

describe('jsonHeadChunks', () => {
  it.each([0, 999, 1000, 1001, 2500])('joins to the text of jsonHead (%i files), in more than one chunk for a long list', (files) => {
    const artifacts = [{ reference: 'ghcr.io/acme/charts:1.0', undefinedKey: undefined }];
    const chunks = [...jsonHeadChunks(head(files), 12, artifacts)];
    expect(chunks.join('')).toBe(jsonHead(head(files), 12, artifacts));
    if (files > 1000) expect(chunks.length).toBeGreaterThan(Math.ceil(files / 1000) + 1);
    expect(JSON.parse(`${chunks.join('')}}`).files).toHaveLength(files);
  });
});

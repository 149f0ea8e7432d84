import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { main } from '../../src/cli/main.js';

// A tree of our own: a Tekton Task whose steps run a param's default, and a chart whose template reads its image from values.
const TREE: Record<string, string> = {
  'ci/tasks/mirror.yaml': 'apiVersion: tekton.dev/v1\nkind: Task\nmetadata:\n  name: mirror\nspec:\n  params:\n    - name: crane-image\n      default: gcr.io/go-containerregistry/crane:latest\n  steps:\n    - name: copy\n      image: $(params.crane-image)\n',
  'charts/api/Chart.yaml': 'apiVersion: v2\nname: api\nversion: 0.3.0\nappVersion: 1.8.0\n',
  'charts/api/values.yaml': 'image:\n  repository: ghcr.io/acme/api\n  tag: 1.8.0\n',
  'charts/api/templates/deployment.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n  template:\n    spec:\n      containers:\n        - name: api\n          image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"\n',
};

/** `imagepin scan` of the tree, offline, in one format. */
async function scan(format: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'imagepin-notes-'));
  for (const [file, text] of Object.entries(TREE)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  let stdout = '';
  const code = await main(['scan', dir, '--offline', '--format', format], { stdout: (t) => (stdout += t), stderr: (t) => (stdout += t), isTTY: false }, {});
  rmSync(dir, { recursive: true, force: true });
  expect(code).not.toBe(2);
  return stdout;
}

test('imagepin scan --format markdown (the PR comment\'s renderer) says what the JSON notes say: a run that passes the param runs another image', async () => {
  const markdown = await scan('markdown');
  expect(markdown).toContain('#### ❌ `gcr.io/go-containerregistry/crane:latest`');
  expect(markdown).toContain('Note: the default of Tekton param crane-image, which the image at line 11 ($(params.crane-image)) runs; a TaskRun or PipelineRun that passes crane-image runs another image.\n');
  const json = JSON.parse(await scan('json')) as { occurrences: { file: string; notes?: string[]; helmChart?: string }[] };
  expect(json.occurrences.find((o) => o.file === 'ci/tasks/mirror.yaml')?.notes).toEqual(['the default of Tekton param crane-image, which the image at line 11 ($(params.crane-image)) runs; a TaskRun or PipelineRun that passes crane-image runs another image']);
  expect(json.occurrences.find((o) => o.file === 'charts/api/templates/deployment.yaml')?.helmChart).toBe('charts/api');
});

test('imagepin scan says a chart template\'s image comes from the chart\'s values and names the keys, in markdown and text', async () => {
  const markdown = await scan('markdown');
  // An info finding is routine: the comment lists it folded, with its fix.
  expect(markdown).toContain('- `{{ .Values.image.repository }}:{{ .Values.image.tag }}` at `charts/api/templates/deployment.yaml:10`  \n  ℹ️ Templated reference. **Fix:** Pin the image in the values that set `image.repository` and `image.tag` (the chart\'s values.yaml, and each release\'s values), or add `charts/api/templates/**` to ignore.paths if they are checked there.\n');
  expect(markdown).not.toContain('Write the image literally');
  const text = await scan('text');
  expect(text).toContain('unresolvable-template  `{{ .Values.image.repository }}:{{ .Values.image.tag }}` is in a template of Helm chart `charts/api`: Helm fills it in when it renders the chart; the line reads the values `image.repository` and `image.tag`.');
  expect(text).not.toContain('Write the image literally');
});

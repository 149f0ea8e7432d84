import { loadConfig } from '../../config/load.js';
import type { Inventory } from '../../engine/scan.js';
import { extractFile } from '../../extractors/index.js';
import type { ChartMetadata } from '../../model/file-result.js';
import { runRules } from '../run.js';
import { valuesKeys } from './unresolvable-template.js';

const containers = (...images: string[]): string => `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ include "web.fullname" . }}\nspec:\n  template:\n    spec:\n      containers:\n${images.map((image, i) => `        - name: c${i}\n          image: ${image}\n`).join('')}`;
const CHART: ChartMetadata = { file: 'charts/web/Chart.yaml', name: 'web', version: '1.0.0', appVersion: '2.4.1' };

/** The unresolvable-template findings of one template file, as `line message | fix`, with the Chart.yaml the tree holds (if any). */
function findings(file: string, text: string, chart?: ChartMetadata): string[] {
  const result = extractFile(file, text, { chartFor: () => chart });
  const inventory: Inventory = { source: 'test', files: [], occurrences: result.occurrences, charts: [], mirrors: [], repositories: [], diagnostics: [] };
  const loaded = loadConfig('');
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
  return runRules({ inventory, config: loaded.config }).filter((f) => f.ruleId === 'unresolvable-template').map((f) => `${f.span.start.line} ${f.message} | ${f.fix}`);
}

describe('unresolvable-template on a line of a Helm chart\'s own template (issue 16)', () => {
  test('names the values keys the line reads and where they are set, not "write it literally"', () => {
    const text = containers('"{{ .Values.image.repository }}:{{ .Values.image.tag }}"', '"{{ $.Values.global.registry }}/tools:{{ .Values.tools.tag | default .Chart.AppVersion }}"');
    expect(findings('charts/web/templates/deployment.yaml', text, CHART)).toEqual([
      '10 `{{ .Values.image.repository }}:{{ .Values.image.tag }}` is in a template of Helm chart `charts/web`: Helm fills it in when it renders the chart; the line reads the values `image.repository` and `image.tag`. imagepin does not render charts, so it cannot check which image this line becomes. Which image runs is decided where those are set: the chart\'s values.yaml and the values each release of the chart passes. | Pin the image in the values that set `image.repository` and `image.tag` (the chart\'s values.yaml, and each release\'s values), or add `charts/web/templates/**` to ignore.paths if they are checked there.',
      '12 `{{ $.Values.global.registry }}/tools:{{ .Values.tools.tag | default .Chart.AppVersion }}` is in a template of Helm chart `charts/web`: Helm fills it in when it renders the chart; the line reads the values `global.registry`, `tools.tag` and the chart\'s `appVersion`. imagepin does not render charts, so it cannot check which image this line becomes. Which image runs is decided where those are set: the chart\'s values.yaml, its Chart.yaml and the values each release of the chart passes. | Pin the image in the values that set `global.registry` and `tools.tag` (the chart\'s values.yaml, and each release\'s values), or add `charts/web/templates/**` to ignore.paths if they are checked there.',
    ]);
  });

  test('a line that reads no values by name claims no values: it quotes what Helm fills in', () => {
    const text = containers('{{ include "web.image" . }}', 'busybox:{{ .Release.Name }}', `"{{ index .Values 'sidecar' }}"`);
    const [include, release, index] = findings('templates/deployment.yaml', text, { file: 'Chart.yaml', name: 'web' });
    expect(include).toBe('10 `{{ include "web.image" . }}` is in a template of the Helm chart at the root of the tree: Helm fills it in when it renders the chart. imagepin does not render charts, so it cannot check which image this line becomes. | Pin the image where the template gets it (the chart\'s values or helpers), or add `templates/**` to ignore.paths if it is checked there.');
    expect(release).toMatch(/^12 `busybox:\{\{ \.Release\.Name \}\}` is in a template of the Helm chart at the root of the tree: Helm fills it in when it renders the chart \(`\{\{ \.Release\.Name \}\}`\)\. imagepin does not render/);
    expect(release).not.toContain('values.yaml');
    expect(index).toContain('the line reads the chart\'s values. imagepin does not render charts');
  });

  test('the generic wording stays where no Chart.yaml is above templates/, and where something other than Helm fills part of the line', () => {
    const generic = /is templated \(template expression .* is filled in at deploy time\), so imagepin cannot check which image it becomes\. \| Write the image literally/;
    for (const line of findings('deploy/templates/deployment.yaml', containers('"{{ .Values.image.repository }}:1.0"'))) expect(line).toMatch(generic);
    // The chart that tree holds is another folder's: this templates/ is not its own.
    for (const line of findings('deploy/templates/deployment.yaml', containers('"{{ .Values.image.repository }}:1.0"'), CHART)) expect(line).toMatch(generic);
    expect(findings('charts/web/templates/deployment.yaml', containers('"{{ .Values.image.repository }}:${TAG}"'), CHART)[0]).toMatch(/is templated \(/);
  });

  test('valuesKeys: each key once, in order; `index .Values` names none', () => {
    expect(valuesKeys('{{ .Values.a.b }}:{{ $.Values.c }}{{ .Values.a.b }}')).toEqual(['a.b', 'c']);
    expect(valuesKeys('{{ index .Values "a" }}')).toEqual([]);
  });
});

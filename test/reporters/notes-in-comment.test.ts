import { toAnnotations } from '../../src/reporters/annotations.js';
import { prose } from '../../src/reporters/markdown-blocks.js';
import { toMarkdown } from '../../src/reporters/markdown.js';
import { NOTE_CHARS, cutNote, noteLines } from '../../src/reporters/occurrence-notes.js';
import { digestOf, notesScenario, scenario } from './scenarios.js';

const TEKTON_NOTE = 'the default of Tekton param git-image, which the images at line 11 ($(params.git-image)) and line 13 ($(params.git-image)) run; a TaskRun or PipelineRun that passes git-image runs another image.';
const deployment = (image: string): string => `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: tools}\nspec:\n  template:\n    spec:\n      containers:\n        - name: tools\n          image: ${image}\n`;

describe('an occurrence\'s notes where its findings are shown (issue 16)', () => {
  test('the comment block says what the JSON notes say: a Tekton param a run may override, the places a merge key feeds', async () => {
    const s = await notesScenario();
    const comment = toMarkdown(s.inventory, s.findings, { docs: null });
    expect(comment).toContain(`\`ci/tasks/sync.yaml:8\`  \nRegistry: today release \`v2.47.1\`, digest \`${digestOf('git-2.47.1')}\`.  \nNote: ${TEKTON_NOTE}\n`);
    expect(comment).toContain('Note: also taken by controllers.secondary-reconciliation-controller.containers.main.image through `<<: *controller`: the image is written once, so a pin here changes both.\n');
    // Once per block, though two findings (floating-tag, pull-policy-skew) are on the same line.
    expect(comment.match(/Note: also taken by/g)).toHaveLength(1);
  });

  test('each check-run annotation carries the notes of its own line, before the fix', async () => {
    const s = await notesScenario();
    const annotations = toAnnotations(s.findings, s.inventory.occurrences);
    const tekton = annotations.find((a) => a.path === 'ci/tasks/sync.yaml')!;
    expect(tekton.message).toContain(`\nNote: ${TEKTON_NOTE}\nFix: Pin it: \`alpine/git:v2.47.1@`);
    const values = annotations.filter((a) => a.path === 'apps/reconciler/values.yaml');
    expect(values.map((a) => a.title)).toEqual(['Floating tag (floating-tag)', 'Nodes can run different builds (pull-policy-skew)']);
    for (const a of values) expect(a.message).toContain('\nNote: also taken by controllers.secondary-reconciliation-controller');
    expect(annotations.filter((a) => a.message.includes('Tekton'))).toEqual([tekton]);
  });

  test('a block over several lines names the line each note is about; a line without notes gets none', async () => {
    const base = await notesScenario();
    const s = await scenario('notes-shared', { 'ci/tasks/sync.yaml': base.files['ci/tasks/sync.yaml']!, 'apps/tools/deploy.yaml': deployment('alpine/git:latest') }, {
      'docker.io/alpine/git:latest': { digest: digestOf('git-2.47.1'), version: 'v2.47.1', versionSource: 'shared-digest' },
    });
    const comment = toMarkdown(s.inventory, s.findings, { docs: null });
    expect(comment).toContain(`Note (\`ci/tasks/sync.yaml:8\`): ${TEKTON_NOTE}\n`);
    expect(comment.match(/Note/g)).toHaveLength(1);
    const deploy = toAnnotations(s.findings, s.inventory.occurrences).filter((a) => a.path === 'apps/tools/deploy.yaml');
    expect(deploy.length).toBeGreaterThan(0);
    for (const a of deploy) expect(a.message).not.toContain('Note');
  });

  test('a routine block (only a missing digest) shows its notes too', async () => {
    const base = await notesScenario();
    const s = await scenario('notes-routine', { 'ci/tasks/sync.yaml': base.files['ci/tasks/sync.yaml']!.replace('alpine/git:latest', 'alpine/git:v2.47.1') }, {
      'docker.io/alpine/git:v2.47.1': { digest: digestOf('git-2.47.1'), version: 'v2.47.1', versionSource: 'tag' },
    });
    const comment = toMarkdown(s.inventory, s.findings, { docs: null });
    expect(comment).toContain('<details><summary>Routine: 1 image, 1 finding</summary>');
    expect(comment).toContain('Note: the default of Tekton param git-image, which the images at line 11');
  });

  test('a note\'s own text cannot open Markdown or HTML in the comment; its code spans stay code', () => {
    expect(prose('held in ConfigMap <img src=x> **bold** [a](b) through `<<: *c`')).toBe('held in ConfigMap \\<img src=x\\> \\*\\*bold\\*\\* \\[a\\](b) through `<<: *c`');
  });

  test('a long note is cut with its code spans closed, and says where the whole note is; past the cap, the rest are counted', () => {
    const long = `also taken by ${Array.from({ length: 30 }, (_, i) => `a.b${i}.image through \`<<: *x\``).join(' and ')}`;
    const cut = cutNote(long, (t) => `\`${t}\``);
    expect(cut.length).toBeLessThan(NOTE_CHARS + 60);
    expect(cut.endsWith('… (cut; `imagepin scan --format json` has the whole note)')).toBe(true);
    expect((cut.match(/`/g) ?? []).length % 2).toBe(0);
    const notes = ['one', 'two', 'three'].map((text) => ({ text, places: [{ file: 'a.yaml', line: 1 }] }));
    const lines = noteLines(notes, { place: (f, l) => `${f}:${l}`, literal: (t) => t, prose: (t) => t, max: 2, named: false });
    expect(lines).toEqual(['Note: one.', 'Note: two.', '…and 1 more note: imagepin scan --format json lists them.']);
  });
});

import type { NotFollowed } from '../model/not-followed.js';
import { toSarif } from './sarif.js';

const notice = (code: NotFollowed['code'], file: string, line: number, col: number, message: string): NotFollowed => ({
  file, code, url: 'u', field: code === 'other-repository' ? 'repoURL' : 'resources', path: [], span: { start: { line, col, offset: 0 }, end: { line, col: col + 5, offset: 5 } }, message,
});

test('each notice is a note-level notification of the run at its exact place, its code described by the driver; no result', () => {
  const log = toSarif([], '0.1.0', undefined, undefined, [
    notice('remote-not-followed', 'apps/lb/kustomization.yaml', 4, 5, 'imagepin did not read the remote resource x'),
    notice('other-repository', 'argo/app.yaml', 7, 14, 'imagepin did not read path p of y'),
  ]);
  const run = log.runs[0]!;
  expect(run.results).toEqual([]);
  expect(run.tool.driver.notifications?.map((d) => [d.id, d.defaultConfiguration?.level])).toEqual([['other-repository', 'note'], ['remote-not-followed', 'note']]);
  const notes = run.invocations?.[0]?.toolExecutionNotifications ?? [];
  expect(run.invocations?.[0]?.executionSuccessful).toBe(true);
  expect(notes.map((n) => [n.level, n.descriptor, n.message.text, n.locations?.[0]?.physicalLocation?.artifactLocation?.uri, n.locations?.[0]?.physicalLocation?.region])).toEqual([
    ['note', { id: 'remote-not-followed', index: 1 }, 'imagepin did not read the remote resource x', 'apps/lb/kustomization.yaml', { startLine: 4, startColumn: 5, endLine: 4, endColumn: 10 }],
    ['note', { id: 'other-repository', index: 0 }, 'imagepin did not read path p of y', 'argo/app.yaml', { startLine: 7, startColumn: 14, endLine: 7, endColumn: 19 }],
  ]);
});

test('without notices the log has no invocations and no notification descriptors', () => {
  const run = toSarif([], '0.1.0', undefined, undefined, []).runs[0]!;
  expect(run.invocations).toBeUndefined();
  expect(run.tool.driver.notifications).toBeUndefined();
});

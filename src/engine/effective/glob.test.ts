import { goValue } from '../../extractors/common/go-value.js';
import { doublestarMatcher, pathMatcher, pathspecMatcher, treeFolders } from './glob.js';

test('files globs are git pathspecs: `*` crosses folders, a plain path is also a folder', () => {
  const files = ['apps/a/config.json', 'apps/a/deep/config.json', 'apps/config.json', 'other/config.json', 'apps-old/config.json'];
  expect(files.filter(pathspecMatcher('apps/*/config.json')!)).toEqual(['apps/a/config.json', 'apps/a/deep/config.json']);
  expect(files.filter(pathspecMatcher('apps')!)).toEqual(['apps/a/config.json', 'apps/a/deep/config.json', 'apps/config.json']);
  expect(files.filter(pathspecMatcher('apps/**/config.json')!)).toEqual(['apps/a/config.json', 'apps/a/deep/config.json']);
  expect(files.filter(pathspecMatcher('[ao]*/config.json')!)).toEqual(files);
});

test('directories globs are Go path.Match: `*` stays in one folder; folders are listed as WalkDir visits them, dot folders left out', () => {
  const dirs = treeFolders(['a-b/x.yaml', 'a/b/c.yaml', 'a/.git/config', '.github/workflows/ci.yaml', 'top.yaml']);
  expect(dirs).toEqual(['a', 'a/b', 'a-b']);
  expect(dirs.filter(pathMatcher('a/*')!)).toEqual(['a/b']);
  expect(dirs.filter(pathMatcher('a?b')!)).toEqual(['a-b']);
  expect(dirs.filter(pathMatcher('[^b]')!)).toEqual(['a']);
  expect(pathMatcher('a/[')).toBeUndefined();
});

test('parameter values print as Argo CD prints decoded YAML and JSON (Go %v of float64)', () => {
  expect([1.1, 3, 100000, 1000000, 1234567, 0.0001, 0.00001, -2.5, true, 'x', null, {}].map(goValue)).toEqual(['1.1', '3', '100000', '1e+06', '1.234567e+06', '0.0001', '1e-05', '-2.5', 'true', 'x', undefined, undefined]);
});

test('new git file globbing is doublestar: `**` spans any number of folders (none too), `*` stays in one, `{a,b}` is either', () => {
  const files = ['apps/config.json', 'apps/a/config.json', 'apps/a/deep/config.json', 'apps/a/config.yaml', 'apps/.hidden/config.json', 'other/config.json'];
  const match = (pattern: string): string[] => files.filter(doublestarMatcher(pattern)!);
  expect(match('apps/*/config.json')).toEqual(['apps/a/config.json', 'apps/.hidden/config.json']);
  expect(match('apps/**/config.json')).toEqual(['apps/config.json', 'apps/a/config.json', 'apps/a/deep/config.json', 'apps/.hidden/config.json']);
  expect(match('**/config.json')).toEqual(['apps/config.json', 'apps/a/config.json', 'apps/a/deep/config.json', 'apps/.hidden/config.json', 'other/config.json']);
  expect(match('apps/a/**')).toEqual(['apps/a/config.json', 'apps/a/deep/config.json', 'apps/a/config.yaml']);
  expect(match('apps/a/config.{json,yaml}')).toEqual(['apps/a/config.json', 'apps/a/config.yaml']);
  expect(match('apps')).toEqual([]);
  expect(doublestarMatcher('apps/[')).toBeUndefined();
});

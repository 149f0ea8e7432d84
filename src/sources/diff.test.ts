import { changedLines, diffHunks, insideOneHunk } from './diff.js';

test('added lines are numbered in the new file; context advances; removed lines do not', () => {
  const patch = ['@@ -1,4 +1,5 @@', ' a', '-b', '+B', '+B2', ' c', '@@ -20,2 +21,3 @@', ' x', '+y', ' z'].join('\n');
  expect([...changedLines(patch)]).toEqual([2, 3, 22]);
  expect(changedLines(undefined).size).toBe(0);
});

test('hunks are the new-file ranges a review comment may sit on; a comment must fit in one of them', () => {
  const patch = ['@@ -1,4 +1,5 @@', ' a', '-b', '+B', '+B2', ' c', ' d', '@@ -20,2 +21,3 @@', ' x', '+y', ' z', '@@ -40 +42,0 @@', '-gone'].join('\n');
  const hunks = diffHunks(patch);
  expect(hunks).toEqual([{ start: 1, end: 5 }, { start: 21, end: 23 }]);
  expect([insideOneHunk(hunks, 2, 3), insideOneHunk(hunks, 5, 5), insideOneHunk(hunks, 6, 6), insideOneHunk(hunks, 4, 21), insideOneHunk(hunks, 42, 42)]).toEqual([true, true, false, false, false]);
  expect(diffHunks(undefined)).toEqual([]);
  expect(diffHunks('@@ -1,2 +1,2 @@\n?garbage')).toEqual([]);
});

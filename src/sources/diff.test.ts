import { changedLines } from './diff.js';

test('added lines are numbered in the new file; context advances; removed lines do not', () => {
  const patch = ['@@ -1,4 +1,5 @@', ' a', '-b', '+B', '+B2', ' c', '@@ -20,2 +21,3 @@', ' x', '+y', ' z'].join('\n');
  expect([...changedLines(patch)]).toEqual([2, 3, 22]);
  expect(changedLines(undefined).size).toBe(0);
});

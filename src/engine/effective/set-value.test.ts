import { targetKey, targetValue } from './set-value.js';

test('a --set path as a dotted key: indexes (nested too) become parts; escapes, empty parts and a leading index are not read', () => {
  expect(['image.tag', 'a.b[0].c', 'grid[0][1]', 'a[007]', 'a.b/c', 'a\\.b', 'a..b', '[0].a', '.a', 'a[x]', 'a[]', ''].map(targetKey)).toEqual([
    'image.tag', 'a.b.0.c', 'grid.0.1', 'a.7', 'a.b/c', undefined, undefined, undefined, undefined, undefined, undefined, undefined,
  ]);
});

test('a targetPath value as helm-controller sets it: quotes trimmed, the plain cases kept, the rest said', () => {
  expect(['1.2.3', '"1.2.3"', `'"1.2.3"'`, '10', '"true"'].map((v) => targetValue(v, false))).toEqual(['1.2.3', '1.2.3', '1.2.3', '10', 'true'].map((value) => ({ value })));
  expect(['True', 'a\\,b', '{x}', ''].map((v) => 'unknown' in targetValue(v, false))).toEqual([true, true, true, true]);
  expect(targetValue('1.2.3', true)).toEqual({ value: '1.2.3' });
  expect('unknown' in targetValue('"1.2.3"', true)).toBe(true);
});

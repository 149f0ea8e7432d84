import { join } from 'node:path';
import { startCompileCache } from './compile-cache.js';

// A recording stand-in for module.enableCompileCache: what folder the CLI asks Node for.
function recorder(answer: (dir?: string) => { directory?: string } = (dir) => ({ directory: dir ?? 'node-default' })) {
  const calls: (string | undefined)[] = [];
  return { calls, enable: (dir?: string) => (calls.push(dir), answer(dir)) };
}

test('the cache goes next to the registry cache: XDG_CACHE_HOME first, then ~/.cache', () => {
  const a = recorder();
  expect(startCompileCache({ XDG_CACHE_HOME: join('x', 'c'), HOME: 'h' }, a.enable)).toBe(join('x', 'c', 'imagepin', 'compile-cache'));
  const b = recorder();
  expect(startCompileCache({ HOME: 'h' }, b.enable)).toBe(join('h', '.cache', 'imagepin', 'compile-cache'));
  expect([...a.calls, ...b.calls]).toEqual([join('x', 'c', 'imagepin', 'compile-cache'), join('h', '.cache', 'imagepin', 'compile-cache')]);
});

test("NODE_COMPILE_CACHE, or no home at all, leaves the folder to Node", () => {
  const r = recorder();
  startCompileCache({ NODE_COMPILE_CACHE: 'mine', HOME: 'h' }, r.enable);
  startCompileCache({}, r.enable);
  expect(r.calls).toEqual([undefined, undefined]);
});

test('IMAGEPIN_COMPILE_CACHE=0 and NODE_DISABLE_COMPILE_CACHE turn it off; an old Node has no function', () => {
  const r = recorder();
  expect(startCompileCache({ IMAGEPIN_COMPILE_CACHE: '0', HOME: 'h' }, r.enable)).toBeUndefined();
  expect(startCompileCache({ NODE_DISABLE_COMPILE_CACHE: '1', HOME: 'h' }, r.enable)).toBeUndefined();
  expect(r.calls).toEqual([]);
  expect(startCompileCache({ HOME: 'h' }, undefined)).toBeUndefined();
});

test('a cache Node cannot open, or a throwing enable, never stops the CLI', () => {
  expect(startCompileCache({ HOME: 'h' }, recorder(() => ({})).enable)).toBeUndefined();
  const throws = () => {
    throw new Error('EACCES');
  };
  expect(startCompileCache({ HOME: 'h' }, throws)).toBeUndefined();
});

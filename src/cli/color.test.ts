import { colorWanted } from './color.js';

test.each([
  // [flag, stdout is a terminal, environment, colour]
  [undefined, true, {}, true],
  [undefined, false, {}, false],
  [undefined, true, { TERM: 'dumb' }, false],
  [undefined, true, { NO_COLOR: '1' }, false],
  [undefined, true, { NO_COLOR: '' }, true],
  [undefined, false, { FORCE_COLOR: '1' }, true],
  [undefined, false, { FORCE_COLOR: '3' }, true],
  [undefined, false, { FORCE_COLOR: 'true' }, true],
  [undefined, false, { FORCE_COLOR: '' }, false],
  [undefined, true, { FORCE_COLOR: '0' }, false],
  [undefined, true, { FORCE_COLOR: 'false' }, false],
  [undefined, false, { FORCE_COLOR: '1', NO_COLOR: '1' }, true],
  [undefined, true, { FORCE_COLOR: '0', NO_COLOR: '' }, false],
  [false, true, { FORCE_COLOR: '1' }, false],
  [true, false, { NO_COLOR: '1' }, true],
] as const)('--color %s, terminal %s, env %j: colour %s', (flag, tty, env, expected) => {
  expect(colorWanted(flag, tty, env)).toBe(expected);
});

import { plainDefaultConfig } from './constants.js';
import { defaultConfig } from './schema.js';

test('the defaults built without zod are the schema defaults, key for key', () => {
  expect(plainDefaultConfig()).toStrictEqual(defaultConfig());
});

test('each call returns a fresh object, so no caller can change the defaults of another', () => {
  const first = plainDefaultConfig();
  first.ignore.paths.push('x/**');
  expect(plainDefaultConfig().ignore.paths).toEqual([]);
});

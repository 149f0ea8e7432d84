// `node --import ./record-loads.mjs ...`: writes every module file the process loads to the file
// named by IMAGEPIN_LOAD_LOG, one URL or path a line. ES modules are seen by a resolve hook (it runs
// on the loader thread, so it appends as it goes); CommonJS files are read from require's cache
// at exit, because Node 20's require() does not pass through the ES module hooks.
import { appendFileSync } from 'node:fs';
import process from 'node:process';
import { createRequire, register } from 'node:module';

const out = process.env.IMAGEPIN_LOAD_LOG;
if (out) {
  register('./record-loads-hooks.mjs', import.meta.url, { data: { out } });
  const require = createRequire(import.meta.url);
  process.on('exit', () => appendFileSync(out, Object.keys(require.cache).map((f) => `${f}\n`).join('')));
}

// Writes the generated configuration docs: `npm run gen:docs` (run from bench/out/scripts).
import { writeFileSync } from 'node:fs';
import { configJsonSchema, configMarkdown } from '../src/config/docs.js';

writeFileSync(new URL('../../../docs/config.schema.json', import.meta.url), `${JSON.stringify(configJsonSchema(), null, 2)}\n`);
writeFileSync(new URL('../../../docs/config.md', import.meta.url), configMarkdown());

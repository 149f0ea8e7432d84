// Writes the generated configuration docs: `npm run gen:docs` (run from bench/out/scripts).
import { readFileSync, writeFileSync } from 'node:fs';
import { configJsonSchema, configMarkdown } from '../src/config/docs.js';
import type { PackageLinks } from '../src/reporters/doc-links.js';

// The repository's package.json, not one beside the compiled output: the schema's $id and the docs' links come from it.
const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as PackageLinks;
writeFileSync(new URL('../../../docs/config.schema.json', import.meta.url), `${JSON.stringify(configJsonSchema(pkg), null, 2)}\n`);
writeFileSync(new URL('../../../docs/config.md', import.meta.url), configMarkdown(pkg));

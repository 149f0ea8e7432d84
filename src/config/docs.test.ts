import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parse } from 'yaml';
import { configJsonSchema, configMarkdown } from './docs.js';

const docs = (name: string): string => readFileSync(new URL(`../../docs/${name}`, import.meta.url), 'utf8');

test('docs/config.schema.json and docs/config.md are what the zod schema generates (run npm run gen:docs)', () => {
  expect(docs('config.schema.json')).toBe(`${JSON.stringify(configJsonSchema(), null, 2)}\n`);
  expect(docs('config.md')).toBe(configMarkdown());
});

test('the JSON Schema names every top-level key and the rule ids', () => {
  const schema = configJsonSchema() as { properties: Record<string, { propertyNames?: { enum?: string[] } }>; additionalProperties: boolean };
  expect(Object.keys(schema.properties)).toEqual(['_extends', 'rules', 'ignore', 'mirrors', 'requireMirror', 'statefulImages', 'registryImages', 'inClusterRegistryHosts', 'platforms', 'floatingTags', 'pinFieldsWithoutDigest', 'failOn', 'deployments', 'templateExtensions']);
  expect(schema.additionalProperties).toBe(false);
});

test('the schema\'s $id and the editor line come from package.json\'s repository, never a fixed address', () => {
  const pkg = JSON.parse(docs('../package.json')) as { repository: { url: string } };
  const repo = /github\.com\/([^/]+\/[^/.]+)/.exec(pkg.repository.url)![1];
  expect(configJsonSchema().$id).toBe(`https://raw.githubusercontent.com/${repo}/HEAD/docs/config.schema.json`);
  const fork = { repository: 'git+https://github.com/acme/imagepin-fork.git' };
  expect(configJsonSchema(fork).$id).toBe('https://raw.githubusercontent.com/acme/imagepin-fork/HEAD/docs/config.schema.json');
  expect(configMarkdown(fork)).toContain('# yaml-language-server: $schema=https://raw.githubusercontent.com/acme/imagepin-fork/HEAD/docs/config.schema.json\n');
  expect(configJsonSchema({ homepage: 'https://imagepin.example.com' })).not.toHaveProperty('$id');
});

test('what an editor checks with the schema: _extends and the documented example pass, a typo is flagged', () => {
  // ajv's 2020-12 build is CommonJS; typed here by what the test uses.
  const Ajv2020 = createRequire(import.meta.url)('ajv/dist/2020') as { default: new (options: object) => { compile(schema: object): ((data: unknown) => boolean) & { errors?: { message?: string; params?: unknown }[] | null } } };
  const validate = new Ajv2020.default({ allErrors: true, strict: false }).compile(configJsonSchema());
  const example = /```yaml\n(?!#)([\s\S]*?)```/.exec(configMarkdown().slice(configMarkdown().indexOf('## Example')))![1]!;
  expect(validate(parse(example))).toBe(true);
  expect(validate({ _extends: '.github', rules: { 'floating-tag': 'warning' } })).toBe(true);
  expect(validate({ rulez: {} })).toBe(false);
  expect(validate.errors?.[0]?.params).toEqual({ additionalProperty: 'rulez' });
});

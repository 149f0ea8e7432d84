import { readFileSync } from 'node:fs';
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

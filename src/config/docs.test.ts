import { readFileSync } from 'node:fs';
import { configJsonSchema, configMarkdown } from './docs.js';

const docs = (name: string): string => readFileSync(new URL(`../../docs/${name}`, import.meta.url), 'utf8');

test('docs/config.schema.json and docs/config.md are what the zod schema generates (run npm run gen:docs)', () => {
  expect(docs('config.schema.json')).toBe(`${JSON.stringify(configJsonSchema(), null, 2)}\n`);
  expect(docs('config.md')).toBe(configMarkdown());
});

test('the JSON Schema names every top-level key and the rule ids', () => {
  const schema = configJsonSchema() as { properties: Record<string, { propertyNames?: { enum?: string[] } }>; additionalProperties: boolean };
  expect(Object.keys(schema.properties)).toEqual(['rules', 'ignore', 'mirrors', 'requireMirror', 'statefulImages', 'registryImages', 'inClusterRegistryHosts', 'platforms', 'floatingTags', 'pinFieldsWithoutDigest', 'failOn', 'deployments', 'templateExtensions']);
  expect(schema.additionalProperties).toBe(false);
});

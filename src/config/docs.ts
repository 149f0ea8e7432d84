import { z } from 'zod';
import { configSchema } from './schema.js';

type JsonSchema = { type?: string; description?: string; default?: unknown; enum?: unknown[]; items?: JsonSchema; properties?: Record<string, JsonSchema>; propertyNames?: JsonSchema; additionalProperties?: JsonSchema | boolean };

/** The JSON Schema of `.github/imagepin.yml`, generated from the zod schema (editors validate with it). */
export function configJsonSchema(): Record<string, unknown> {
  return { ...z.toJSONSchema(configSchema, { io: 'input', target: 'draft-2020-12' }), $id: 'https://github.com/imagepin/imagepin/blob/main/docs/config.schema.json', title: 'imagepin configuration' };
}

function typeOf(schema: JsonSchema): string {
  if (schema.enum) return schema.enum.map((v) => `\`${String(v)}\``).join(' \\| ');
  if (schema.type === 'array') return `list of ${schema.items ? typeOf(schema.items) : 'values'}`;
  if (schema.type === 'object' && schema.properties) return 'map';
  if (schema.type === 'object' && schema.propertyNames?.enum) return `map of rule id → ${typeof schema.additionalProperties === 'object' ? typeOf(schema.additionalProperties) : 'value'}`;
  if (schema.type === 'object') return 'map of string → string';
  return schema.type ?? 'value';
}

/** The configuration reference page (docs/config.md), generated from the same schema. */
export function configMarkdown(): string {
  const schema = configJsonSchema() as JsonSchema;
  const rows: string[] = [];
  const walk = (props: Record<string, JsonSchema>, prefix: string): void => {
    for (const [key, prop] of Object.entries(props)) {
      const name = `${prefix}${key}`;
      rows.push(`| \`${name}\` | ${typeOf(prop)} | \`${JSON.stringify(prop.default ?? null)}\` | ${(prop.description ?? '').replace(/\|/g, '\\|')} |`);
      if (prop.type === 'object' && prop.properties) walk(prop.properties, `${name}.`);
    }
  };
  walk(schema.properties ?? {}, '');
  return [
    '# Configuration: `.github/imagepin.yml`',
    '',
    '<!-- Generated from src/config/schema.ts by `npm run gen:docs`; a test keeps it in step. -->',
    '',
    'The app reads this file from the repository\'s **default branch**, so a pull request cannot change the policy it is judged by.',
    'Every key is optional; with no file, the defaults below apply. An invalid file is reported in the check run and the PR comment,',
    'naming the key and the allowed values, and the defaults are used. The JSON Schema is [config.schema.json](config.schema.json).',
    '',
    '| key | type | default | meaning |',
    '|---|---|---|---|',
    ...rows,
    '',
    '## Example',
    '',
    '```yaml',
    'rules:',
    '  public-registry: error',
    '  unresolvable-template: off',
    'mirrors:',
    '  docker.io: harbor.example.com/dockerhub',
    'platforms: [linux/amd64, linux/arm64]',
    'ignore:',
    '  paths: ["charts/**/ci/**"]',
    'failOn: warning',
    '```',
    '',
  ].join('\n');
}

import { z } from 'zod';
import { rawFileUrl, readPackageLinks, type PackageLinks } from '../reporters/doc-links.js';
import { configSchema } from './schema.js';

type JsonSchema = { type?: string; description?: string; default?: unknown; enum?: unknown[]; items?: JsonSchema; properties?: Record<string, JsonSchema>; propertyNames?: JsonSchema; additionalProperties?: JsonSchema | boolean };

/**
 * The JSON Schema of `.github/imagepin.yml`, generated from the zod schema (editors validate with
 * it). Its `$id` is the file's raw address in the package's own repository (package.json's
 * `repository`), so a `yaml-language-server: $schema=` line can name it; none when that is unknown.
 */
export function configJsonSchema(pkg: PackageLinks = readPackageLinks()): Record<string, unknown> {
  const id = rawFileUrl('docs/config.schema.json', pkg);
  return { ...z.toJSONSchema(configSchema, { io: 'input', target: 'draft-2020-12' }), ...(id ? { $id: id } : {}), title: 'imagepin configuration' };
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
export function configMarkdown(pkg: PackageLinks = readPackageLinks()): string {
  const schema = configJsonSchema(pkg) as JsonSchema & { $id?: string };
  const schemaUrl = schema.$id ?? '<the raw address of docs/config.schema.json in imagepin\'s repository>';
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
    'Every key is optional; with no file, the defaults below apply. The JSON Schema is [config.schema.json](config.schema.json).',
    '',
    '## Mistakes are forgiven, one key at a time',
    '',
    'An unknown key or an invalid value is reported, and only that setting is dropped: the rest of the file applies. Each',
    'problem names the key path, its line (the CLI; the App receives the file already parsed, without lines), a guess',
    '("did you mean `rules`?", by edit distance to the allowed names and values) and what was used instead: the key',
    'ignored, the default value, the rule\'s default severity, or a bad list entry left out. The App shows the problems in',
    'the check run\'s summary and the PR comment; the CLI prints them on standard error and goes on. A file that is not',
    'YAML at all cannot be read: the App then uses the defaults and says so, and the CLI stops with exit code 2.',
    '',
    '## Checked as you type',
    '',
    'Editors that run the YAML language server (Red Hat\'s YAML extension for VS Code, Neovim with yaml-language-server) validate and complete the',
    'file when its first line names the schema:',
    '',
    '```yaml',
    `# yaml-language-server: $schema=${schemaUrl}`,
    'rules:',
    '  floating-tag: error',
    '```',
    '',
    'The address comes from the `repository` field of imagepin\'s package.json, and is also the schema\'s `$id`. A copy at',
    'a fixed version (`node_modules/imagepin/docs/config.schema.json` or a tagged raw address) keeps the editor on the',
    'release you run.',
    '',
    '## Organisation-wide defaults: `_extends`',
    '',
    'The App reads the file through Probot, which supports organisation defaults. A repository without its own',
    '`.github/imagepin.yml` uses the one in the organisation\'s `.github` repository. A repository file can build on',
    'another with `_extends: .github` (a repository of the same owner), `_extends: owner/repo` or',
    '`_extends: owner/repo:path/to/file.yml`. The repository\'s own keys win; lists are joined, maps merged key by key',
    '(Probot\'s deep merge). The merged result is then checked as above, so a problem may be in either file. The CLI',
    'has no access to GitHub: it accepts `_extends`, says once on standard error that it did not follow it, and applies',
    'the file itself with the defaults.',
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

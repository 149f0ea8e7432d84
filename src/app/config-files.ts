import merge from 'deepmerge';
import YAML from 'yaml';
import type { Octokit } from '../sources/github-pr.js';
import { notFoundAt, partialQuery } from './graphql-partial.js';

/** Where a repository keeps its policy (Probot's context.config path). */
export const CONFIG_PATH = '.github/imagepin.yml';

/** The GraphQL selection for a config file: enough to tell a file from a folder, and text from binary. */
export const CONFIG_FIELDS = '__typename ... on Blob { text isBinary isTruncated }';

/** A config file as GraphQL answers `object(expression: "HEAD:path")`: null when there is none. */
export type ConfigBlob = { __typename: string; text?: string | null; isBinary?: boolean | null; isTruncated?: boolean } | null;

/** A config the repository's owners can fix: shown in the check and the comment; the defaults apply. */
export class ConfigProblem extends Error {
  constructor(readonly file: string, readonly detail: string) {
    super(`${file} ${detail}`);
  }
}

interface Loaded {
  owner: string;
  repo: string;
  path: string;
  config: Record<string, unknown> | null;
}

/** Probot's `_extends` syntax: `repo`, `owner/repo`, either with `:path.yml`. */
const EXTENDS = /^(?:([a-z\d](?:[a-z\d]|-(?=[a-z\d])){0,38})\/)?([-_.\w\d]+)(?::([-_./\w\d]+\.ya?ml))?$/i;

const named = (f: { owner: string; repo: string; path: string }): string => `${f.owner}/${f.repo}:${f.path}`;

/** Parses one file as Probot does (an empty file is `{}`, a string is refused), failures as ConfigProblem. */
function parse(where: Omit<Loaded, 'config'>, blob: ConfigBlob): Loaded {
  if (!blob) return { ...where, config: null };
  if (blob.__typename !== 'Blob') throw new ConfigProblem(named(where), `exists, but is a folder or a submodule, not a file`);
  if (blob.isBinary || blob.isTruncated || typeof blob.text !== 'string') throw new ConfigProblem(named(where), `could not be read as text (it is binary or too large)`);
  let config: unknown;
  try {
    config = YAML.parse(blob.text, { logLevel: 'error' }) || {};
  } catch (err) {
    throw new ConfigProblem(named(where), `is not valid YAML: ${(err as Error).message.split('\n')[0]}`);
  }
  if (typeof config === 'string') throw new ConfigProblem(named(where), `is not valid YAML: it is a string, not a mapping of settings`);
  return { ...where, config: config as Record<string, unknown> };
}

const EXTENDS_QUERY = `query imagepinConfigExtends($owner: String!, $repo: String!, $expression: String!) { repository(owner: $owner, name: $repo) { config: object(expression: $expression) { ${CONFIG_FIELDS} } } }`;

/** One `_extends` target from its default branch; a repository that does not exist (or is not visible) has none. */
async function readExtended(octokit: Octokit, target: Omit<Loaded, 'config'>): Promise<ConfigBlob> {
  const { data } = await partialQuery<{ repository: { config: ConfigBlob } | null }>(octokit, EXTENDS_QUERY, { owner: target.owner, repo: target.repo, expression: `HEAD:${target.path}` }, notFoundAt('repository'));
  return data.repository?.config ?? null;
}

/**
 * The repository's config with Probot's semantics (@probot/octokit-plugin-config 4): the
 * repository's file; if it has none, the organisation's `.github` repository's; then the chain of
 * `_extends`, each level deep-merged over the one it extends (deepmerge, as context.config does:
 * a repository's `rules` keeps the rules the organisation set). The first two
 * come from one query already sent (`repoFile`, `orgFile`); each `_extends` level costs one query.
 * A target that does not exist is skipped, as Probot does, but named in `warnings`. GitHub errors
 * are thrown (never read as "no config"); what the owners can fix is a ConfigProblem.
 */
export async function composeConfig(octokit: Octokit, repo: { owner: string; repo: string }, repoFile: ConfigBlob, orgFile: ConfigBlob | undefined): Promise<{ config: unknown; warnings: string[] }> {
  const warnings: string[] = [];
  const files = [parse({ ...repo, path: CONFIG_PATH }, repoFile)];
  if (!files[0]!.config && repo.repo !== '.github') files.push(parse({ owner: repo.owner, repo: '.github', path: CONFIG_PATH }, orgFile ?? null));
  for (let file = files.at(-1)!; file.config && file.config._extends !== undefined; ) {
    const value = file.config._extends;
    const match = typeof value === 'string' ? EXTENDS.exec(value) : null;
    if (!match) throw new ConfigProblem(named(file), `has an invalid \`_extends\` (${JSON.stringify(value)}): use \`repo\`, \`owner/repo\` or \`owner/repo:path.yml\``);
    delete file.config._extends;
    const target = { owner: match[1] || repo.owner, repo: match[2]!, path: match[3] || CONFIG_PATH };
    if (files.some((f) => named(f) === named(target))) throw new ConfigProblem(named(file), `extends ${named(target)}, which is already part of the chain (a loop)`);
    const next = parse(target, await readExtended(octokit, target));
    files.push(next);
    if (!next.config) warnings.push(`\`_extends: ${value}\` in ${named(file)} names a file that does not exist or that imagepin cannot see, so its settings were not applied`);
    file = next;
  }
  return { config: merge.all<Record<string, unknown>>([{}, ...files.map((f) => f.config).reverse().filter((c): c is Record<string, unknown> => c !== null)]), warnings };
}

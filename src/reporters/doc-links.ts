import { readFileSync } from 'node:fs';
import { packageFileUrl } from '../package-root.js';

/** The package's own `repository` / `homepage`, as package.json spells them. */
export interface PackageLinks {
  repository?: string | { url?: string; directory?: string };
  homepage?: string;
}

/** The package.json of imagepin itself, above this module in src/, dist/ and the CLI bundle. */
export function readPackageLinks(): PackageLinks {
  try {
    return JSON.parse(readFileSync(packageFileUrl('package.json', import.meta.url) ?? new URL('../../package.json', import.meta.url), 'utf8')) as PackageLinks;
  } catch {
    return {};
  }
}

/** `git+https://github.com/o/r.git` or `github:o/r` → `https://github.com/o/r`; undefined for what is not a web address. */
function repositoryWebUrl(repository: PackageLinks['repository']): string | undefined {
  const url = typeof repository === 'string' ? repository : repository?.url;
  if (!url) return undefined;
  const shorthand = /^(?:github:)?([\w.-]+\/[\w.-]+)$/.exec(url);
  if (shorthand) return `https://github.com/${shorthand[1]}`;
  const web = url.replace(/^git\+/, '').replace(/^git:\/\//, 'https://').replace(/^ssh:\/\/git@/, 'https://').replace(/\.git$/, '');
  return /^https?:\/\//.test(web) ? web : undefined;
}

/** The package's folder inside its repository (`repository.directory`), as `/packages/x`, or ''. */
function repositoryDirectory(pkg: PackageLinks): string {
  return typeof pkg.repository === 'object' && pkg.repository.directory ? `/${pkg.repository.directory.replace(/^\/+|\/+$/g, '')}` : '';
}

/**
 * Where the docs live: the operator's IMAGEPIN_DOCS_URL (a folder holding `rules/` and the other
 * pages), else `<repository>/blob/HEAD/docs` from package.json's `repository`. Undefined when
 * neither is known (a homepage is not assumed to hold the docs): reports then name the rule without a link instead of inventing an address.
 */
export function docsBase(env: NodeJS.ProcessEnv = process.env, pkg: PackageLinks = readPackageLinks()): string | undefined {
  const override = env.IMAGEPIN_DOCS_URL?.trim();
  if (override) return override.replace(/\/+$/, '');
  const repo = repositoryWebUrl(pkg.repository);
  const directory = repositoryDirectory(pkg);
  if (repo?.startsWith('https://github.com/')) return `${repo}/blob/HEAD${directory}/docs`;
  return repo ? `${repo}${directory}/docs` : undefined;
}

/** The page of one rule under a docs base. */
export function ruleDocLink(base: string | undefined, ruleId: string): string | undefined {
  return base ? `${base}/rules/${ruleId}.md` : undefined;
}

/** The project's home, for SARIF's informationUri. */
export function projectHome(pkg: PackageLinks = readPackageLinks()): string | undefined {
  return repositoryWebUrl(pkg.repository) ?? pkg.homepage;
}

/**
 * A file of the package's repository as raw content at the default branch (what an editor fetches
 * for a JSON Schema `$id`), from package.json's `repository`: GitHub's and GitLab's raw addresses.
 * Undefined for another host, whose raw address is not known.
 */
export function rawFileUrl(file: string, pkg: PackageLinks = readPackageLinks()): string | undefined {
  const repo = repositoryWebUrl(pkg.repository);
  const path = `${repositoryDirectory(pkg)}/${file}`;
  const github = repo && /^https:\/\/github\.com\/([^/]+\/[^/]+)$/.exec(repo);
  if (github) return `https://raw.githubusercontent.com/${github[1]}/HEAD${path}`;
  if (repo && /^https:\/\/gitlab\.[^/]+\/.+/.test(repo)) return `${repo}/-/raw/HEAD${path}`;
  return undefined;
}

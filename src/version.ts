import { readFileSync } from 'node:fs';

/** The package's version and repository, read from package.json (one source for the CLI, SARIF and docs links). */
export function packageInfo(): { version: string; repository: string; homepage: string } {
  // src/version.ts and dist/version.js both sit one level below package.json.
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  const repository = typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url;
  return { version: pkg.version, repository, homepage: pkg.homepage ?? repository };
}

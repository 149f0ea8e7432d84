import { readFileSync } from 'node:fs';
import { packageFileUrl } from './package-root.js';

/** The package's version and repository, read from package.json (one source for the CLI, SARIF and docs links). */
export function packageInfo(): { version: string; repository: string; homepage: string } {
  // src/version.ts, dist/version.js and the CLI bundle sit at different depths below package.json.
  const pkg = JSON.parse(readFileSync(packageFileUrl('package.json', import.meta.url) ?? new URL('../package.json', import.meta.url), 'utf8'));
  const repository = typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url;
  return { version: pkg.version, repository, homepage: pkg.homepage ?? repository };
}

import { existsSync, readFileSync } from 'node:fs';

/**
 * A file of imagepin's own package (package.json, docs/rules/*.md), found from a module's URL.
 * The module sits at different depths in src/, dist/ and the CLI bundle (dist/bin/), so this walks
 * up to the nearest folder whose package.json is imagepin's. Undefined when none is found
 * (a reader decides what that means; none throws for it).
 */
export function packageFileUrl(relative: string, moduleUrl: string): URL | undefined {
  let dir = new URL('./', moduleUrl);
  for (let depth = 0; depth < 6; depth++) {
    const pkg = new URL('package.json', dir);
    if (existsSync(pkg) && isImagepin(pkg)) return new URL(relative, dir);
    const parent = new URL('../', dir);
    if (parent.href === dir.href) return undefined;
    dir = parent;
  }
  return undefined;
}

function isImagepin(pkg: URL): boolean {
  try {
    return (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: unknown }).name === 'imagepin';
  } catch {
    return false;
  }
}

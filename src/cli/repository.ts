import { readFile, stat } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { repoOf } from '../extractors/argocd/other-repository.js';

/** Git metadata files are small; a larger one is not read (it is not a config imagepin understands). */
const MAX_GIT_FILE = 256 * 1024;

/**
 * `owner/name` of a repository URL as git writes remotes: https or http, ssh:// and git://, and the
 * scp-like `git@host:owner/name.git`; lower case, without `.git`. Undefined for what names no
 * hosted repository (a local path, `file://`, a URL without an owner).
 */
export function repositoryOfUrl(url: string): string | undefined {
  const text = url.trim();
  const hosted = /^(?:https?|ssh|git|git\+ssh|ssh\+git):\/\/[^/]+\/./i.test(text) || /^[^@/:\s]+@[^:/\s]+:[^/]/.test(text);
  if (!hosted) return undefined;
  const name = repoOf(text.replace(/\?.*$/, ''));
  return /^[\w.-]+(?:\/[\w.-]+)+$/.test(name) ? name : undefined;
}

/** The `url` of `[remote "origin"]` in a git config's text (the first one, as `git remote get-url` gives). */
export function originUrl(config: string): string | undefined {
  let inOrigin = false;
  for (const raw of config.split(/\r?\n/)) {
    const line = raw.replace(/^\s+/, '');
    const section = /^\[\s*([^\]\s"]+)(?:\s+"((?:[^"\\]|\\.)*)")?\s*\]/.exec(line);
    if (section) {
      inOrigin = section[1]!.toLowerCase() === 'remote' && section[2] === 'origin';
      continue;
    }
    const entry = inOrigin ? /^url\s*=\s*(.*)$/i.exec(line) : null;
    if (!entry) continue;
    let value = entry[1]!.replace(/\s+[#;].*$/, '').trim();
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) value = value.slice(1, -1);
    if (value) return value;
  }
  return undefined;
}

async function small(path: string): Promise<string | undefined> {
  try {
    const info = await stat(path);
    return info.isFile() && info.size <= MAX_GIT_FILE ? await readFile(path, 'utf8') : undefined;
  } catch {
    return undefined;
  }
}

/** The git folder whose `config` holds the remotes: `.git` itself, or what a `.git` file points to (a worktree's common folder, a submodule's). */
async function configFile(dir: string): Promise<string | undefined> {
  const dotGit = join(dir, '.git');
  const pointer = await small(dotGit);
  if (pointer === undefined) return join(dotGit, 'config');
  const gitdir = /^gitdir:\s*(.+?)\s*$/m.exec(pointer)?.[1];
  if (!gitdir) return undefined;
  const at = isAbsolute(gitdir) ? gitdir : join(dir, gitdir);
  const common = (await small(join(at, 'commondir')))?.trim();
  return join(common ? (isAbsolute(common) ? common : join(at, common)) : at, 'config');
}

/**
 * The repository of a scanned folder, from its own git remote `origin` (no network, no git
 * needed): only when the folder is the top of a git work tree (it holds `.git`), since an Argo CD
 * path is relative to the repository's top. Undefined when that cannot be read.
 */
export async function repositoryOfDir(dir: string): Promise<string | undefined> {
  const file = await configFile(dir);
  const config = file === undefined ? undefined : await small(file);
  const url = config === undefined ? undefined : originUrl(config);
  return url === undefined ? undefined : repositoryOfUrl(url);
}

import { notFollowedText, type NotFollowed } from '../../model/not-followed.js';
import type { DocContext } from '../types.js';

/**
 * What kustomize reads as a remote target rather than a path of the tree (api/internal/git
 * repospec, and its URL loader for `http(s)://` files): a URL with a scheme, go-getter's `git::`,
 * scp-like `git@host:`, a path on a forge it knows by host, or a repo-spec query. A local folder
 * named like `github.com/` is unusual enough that kustomize itself tries it as a repository first.
 */
const REMOTE = /^(?:[a-z][a-z0-9+.-]*:\/\/|git::|git@|(?:github\.com|gitlab\.com|bitbucket\.org)\/)|\?(?:[^#]*&)?(?:ref|version|submodules|timeout)=/i;

/** True when a kustomization's `resources` / `bases` / `components` entry is remote (never read by imagepin). */
export function isRemoteInclude(entry: string): boolean {
  return REMOTE.test(entry.trim());
}

const FIELDS = ['resources', 'bases', 'components'] as const;

/** One notice per remote entry of a kustomization's includes, at the entry's scalar (decision 43). */
export function remoteIncludes(ctx: DocContext): NotFollowed[] {
  const root = ctx.view.doc.contents;
  const out: NotFollowed[] = [];
  for (const field of FIELDS) {
    for (const [index, item] of ctx.view.items(ctx.view.get(root, field))) {
      const url = ctx.view.string(item);
      const node = ctx.view.scalar(item);
      if (url === undefined || !node || !isRemoteInclude(url)) continue;
      out.push({
        file: ctx.file, code: 'remote-not-followed', url, field, document: ctx.document, path: [field, index], span: node.span,
        message: notFollowedText({ code: 'remote-not-followed', url, field }, `${ctx.file}:${node.span.start.line}`),
      });
    }
  }
  return out;
}

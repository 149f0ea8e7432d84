import type { Node } from 'yaml';
import { notFollowedText, type NotFollowed } from '../../model/not-followed.js';
import type { YamlPath } from '../../model/position.js';
import type { DocContext } from '../types.js';

/** `owner/repo` of a repoURL in any of its spellings (https, ssh, scp-like, with or without `.git`), lower case. */
export function repoOf(url: string): string {
  return url.replace(/^[a-z+]+:\/\/(?:[^@/]+@)?[^/]+\//i, '').replace(/^[^@/]+@[^:]+:/, '').replace(/\.git$/, '').replace(/\/+$/, '').toLowerCase();
}

/**
 * An Argo CD git source with a `path`, as a candidate notice: whether its repoURL is this
 * repository is decided after the scan, where the repository may be known. A templated repoURL
 * (an ApplicationSet's `{{ }}`) is no candidate: what it names is not written.
 */
export function gitSourceCandidate(ctx: DocContext, source: Node, path: YamlPath, sourcePath: string): NotFollowed | undefined {
  const node = ctx.view.get(source, 'repoURL');
  const url = ctx.view.string(node);
  const scalar = ctx.view.scalar(node);
  if (!url || !scalar || /\{\{|\$\{/.test(url)) return undefined;
  return { file: ctx.file, code: 'other-repository', url, field: 'repoURL', document: ctx.document, path: [...path, 'repoURL'], span: scalar.span, sourcePath, repository: repoOf(url), message: '' };
}

/**
 * The candidate as a notice when it names another repository than `repository` (`owner/repo`);
 * undefined when it is this one, or when the repository is not known (the CLI): nothing to compare.
 */
export function otherRepository(candidate: NotFollowed, repository: string | undefined): NotFollowed | undefined {
  if (!repository || candidate.repository === repository.toLowerCase()) return undefined;
  const notice = { ...candidate, thisRepository: repository };
  return { ...notice, message: notFollowedText(notice, `${candidate.file}:${candidate.span.start.line}`) };
}

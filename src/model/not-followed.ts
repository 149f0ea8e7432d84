import type { Span, YamlPath } from './position.js';

/** Why something the tree names was not followed (docs/json-output.md, decision 43). */
export type NotFollowedCode = 'remote-not-followed';

/**
 * Something a file of the tree includes that imagepin does not read: a remote kustomize base,
 * resource or component. Not a diagnostic (nothing is wrong with the file, and it never changes a
 * verdict): a neutral notice that the images it deploys are not checked.
 */
export interface NotFollowed {
  file: string;
  code: NotFollowedCode;
  /** The include as written (`github.com/org/repo/path?ref=v1`). */
  url: string;
  /** The list it is written in: `resources`, `bases` or `components`. */
  field: string;
  document?: number;
  path: YamlPath;
  /** The entry's scalar, exact to line and column. */
  span: Span;
  message: string;
}

/** The notice in words, with `where` the entry's place as the caller shows it (`file:line`, or a link). */
export function notFollowedText(n: Pick<NotFollowed, 'url' | 'field'>, where: string, url: string = n.url): string {
  const what = n.field === 'components' ? 'component' : n.field === 'bases' ? 'base' : 'resource';
  return `imagepin did not read the remote ${what} ${url}, included by ${where}; the images it deploys are not checked`;
}

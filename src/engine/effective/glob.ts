/**
 * The two glob dialects of Argo CD's git generator, written out because each is small and neither
 * is what minimatch or picomatch do:
 * - `files:` paths go to `git ls-files -- <pattern>` (Argo CD's default; the `new git file globbing`
 *   setting switches to doublestar): a git pathspec, where `*` and `?` also match `/`, and a pattern
 *   without wildcards also matches every file under it as a folder.
 * - `directories:` paths go to Go's `path.Match`: `*` and `?` stop at `/`, the whole path must match.
 */
function toRegExp(pattern: string, crossSlash: boolean): RegExp | undefined {
  const any = crossSlash ? '[\\s\\S]' : '[^/]';
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*') out += `${any}*`;
    else if (c === '?') out += any;
    else if (c === '\\' && i + 1 < pattern.length) out += escape(pattern[++i]!);
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 2);
      if (end < 0) return undefined;
      let body = pattern.slice(i + 1, end);
      const negate = body.startsWith('^') || (crossSlash && body.startsWith('!'));
      if (negate) body = body.slice(1);
      out += `[${negate ? '^' : ''}${body.replace(/[\]\\^]/g, '\\$&')}${negate && !crossSlash ? '/' : ''}]`;
      i = end;
    } else out += escape(c);
  }
  try {
    return new RegExp(`^${out}$`);
  } catch {
    return undefined;
  }
}

function escape(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

const WILD = /[*?[]/;

/** A git pathspec as `git ls-files` reads it; undefined when the pattern is malformed. */
export function pathspecMatcher(pattern: string): ((path: string) => boolean) | undefined {
  const spec = pattern.replace(/^\.?\/+/, '').replace(/\/+$/, '');
  if (!WILD.test(spec)) return (path) => spec === '' || path === spec || path.startsWith(`${spec}/`);
  const re = toRegExp(spec, true);
  return re && ((path) => re.test(path));
}

/**
 * Argo CD's "new git file globbing" (`applicationsetcontroller.enable.new.git.file.globbing`):
 * doublestar's FilepathGlob from the repository root. `**` as a whole path segment matches any
 * number of folders (none too), elsewhere it is `*`; `*` and `?` stay in one folder; `{a,b}` is
 * either; a plain path is that file only. Undefined when the pattern is malformed.
 */
export function doublestarMatcher(pattern: string): ((path: string) => boolean) | undefined {
  const segments = pattern.replace(/^(\.\/|\/)+/, '').replace(/\/+$/, '').split('/');
  let out = '';
  for (const [i, segment] of segments.entries()) {
    const last = i === segments.length - 1;
    if (segment === '**') {
      out += last ? (i === 0 ? '[\\s\\S]*' : '(?:/[\\s\\S]*)?') : i === 0 ? '(?:[^/]+/)*' : '(?:/[^/]+)*/';
      continue;
    }
    const re = toRegExp(segment.replace(/\*\*+/g, '*'), false);
    if (!re) return undefined;
    const body = re.source.slice(1, -1).replace(/\\\{([^{}]*)\\\}/g, (_, alts: string) => `(?:${alts.split(',').join('|')})`);
    out += (i > 0 && segments[i - 1] !== '**' ? '\\/' : '') + body;
  }
  try {
    const re = new RegExp(`^${out}$`);
    return (path) => re.test(path);
  } catch {
    return undefined;
  }
}

/** A `files:` glob in the dialect the controller uses: doublestar with the new git file globbing, else a git pathspec. */
export function filesMatcher(pattern: string, doublestar: boolean): ((path: string) => boolean) | undefined {
  return doublestar ? doublestarMatcher(pattern) : pathspecMatcher(pattern);
}

/** Go's `path.Match` for one folder path; undefined when the pattern is malformed (Argo CD then skips it). */
export function pathMatcher(pattern: string): ((path: string) => boolean) | undefined {
  const re = toRegExp(pattern, false);
  return re && ((path) => re.test(path));
}

/**
 * The folders Argo CD's directory generator lists: every folder of the tree but the root, in the
 * order `filepath.WalkDir` visits them, leaving out a folder whose name starts with `.` and all below it.
 */
export function treeFolders(files: readonly string[]): string[] {
  const dirs = new Set<string>();
  for (const file of files) {
    const parts = file.split('/').slice(0, -1);
    const hidden = parts.findIndex((p) => p.startsWith('.'));
    const keep = hidden < 0 ? parts : parts.slice(0, hidden);
    for (let i = 1; i <= keep.length; i++) dirs.add(keep.slice(0, i).join('/'));
  }
  return [...dirs].sort(walkOrder);
}

/** Pre-order, names in byte order within each folder: `a`, `a/b`, `a-b` (a plain string sort puts `a-b` before `a/b`). */
function walkOrder(a: string, b: string): number {
  const x = a.split('/');
  const y = b.split('/');
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! < y[i]! ? -1 : 1;
  return x.length - y.length;
}

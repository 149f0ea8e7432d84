import type { YamlPath } from '../../model/position.js';

/** An RFC 6901 pointer as object path segments (`~1` is `/`, `~0` is `~`; digits are list indexes). */
export function pointerPath(pointer: string): YamlPath | undefined {
  if (!pointer.startsWith('/')) return undefined;
  return pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~')).map((s) => (/^(?:0|[1-9][0-9]*)$/.test(s) ? Number(s) : s));
}

import { isScalar, type YAMLMap } from 'yaml';
import { notFollowedText, type NotFollowed } from '../../model/not-followed.js';
import type { Occurrence, Part } from '../../model/occurrence.js';
import { formatPath, type Span, type YamlPath } from '../../model/position.js';
import type { DocContext } from '../types.js';

/**
 * The path of a mapping's `enabled` key when it is the literal boolean `false` (decision 59): by
 * the usual chart convention (subchart conditions, exporters, app-template's
 * `controllers.<x>.enabled`) nothing under that block is deployed. A string `"false"` is not the
 * boolean (Helm's `if` takes it as true), and a templated value is not known, so neither counts.
 */
export function disabledAt(ctx: DocContext, map: YAMLMap<unknown, unknown>, path: YamlPath): YamlPath | undefined {
  const node = ctx.view.get(map, 'enabled');
  return isScalar(node) && node.value === false ? [...path, 'enabled'] : undefined;
}

/** The part written first: where the image starts in the file. */
function firstSpan(occ: Occurrence): Span | undefined {
  const parts = Object.values(occ.parts).filter((p): p is Part => p !== undefined);
  parts.sort((a, b) => a.span.start.offset - b.span.start.offset);
  return parts[0]?.span;
}

/**
 * An image found under a disabled block, as a notice instead of an occurrence: it is not judged
 * (no finding claims it runs), and it is not hidden (every output lists it, at its line).
 */
export function disabledNotice(occ: Occurrence, enabledPath: YamlPath): NotFollowed | undefined {
  const span = firstSpan(occ);
  if (!span) return undefined;
  const notice: NotFollowed = {
    file: occ.file,
    code: 'disabled-in-values',
    url: occ.raw,
    field: formatPath(enabledPath),
    document: occ.document,
    path: occ.path,
    span,
    message: '',
  };
  return { ...notice, message: notFollowedText(notice, `${occ.file}:${span.start.line}`) };
}

import type { Node } from 'yaml';
import type { Occurrence } from '../../model/occurrence.js';
import type { YamlPath } from '../../model/position.js';
import type { DocContext } from '../types.js';
import { fromString, stringValue, type Scope } from './build.js';
import { isOperandReference, namesImageNotRun } from './operand-value.js';

/**
 * Flags through which controllers are told the images they start: a word of the flag's name ends
 * in `image` (Tekton's `-entrypoint-image`, `-nop-image`, `-shell-image`, `-shell-image-win`,
 * argo-workflows' `--executor-image`, cert-manager's `--acme-http01-solver-image`,
 * prometheus-operator's `--config-reloader-image`), or its last word is `reloader`
 * (prometheus-operator's `--prometheus-config-reloader`). `--executor-image-pull-policy` matches
 * too; its value (`Always`) is no reference, which `isOperandReference` checks. A flag that names
 * an image built, pushed or copied (`--dest-image`, `--cache-image`) is not taken (`namesImageNotRun`).
 */
const FLAG = /^--?([A-Za-z0-9][A-Za-z0-9_.-]*)$/;
const IMAGE_FLAG = /(?:^|[-_.])[a-z0-9]*image(?:$|[-_.])|(?:^|[-_.])reloader$/;

/** The flag an item names (`--executor-image`), without dashes, when it is an image flag. */
function imageFlag(item: string): string | undefined {
  const name = FLAG.exec(item)?.[1];
  return name && IMAGE_FLAG.test(name.toLowerCase()) && !namesImageNotRun(name) ? name : undefined;
}

const note = (flag: string, listKey: string): string =>
  `an image the container is given in its ${listKey === 'command' ? 'command' : 'arguments'} (${flag}), as controllers are told which images to start`;

/**
 * The images named in one list of container arguments (`args`, `command`, Helm values'
 * `extraArgs`) at `path`: `--flag=image` in one item, or `--flag` followed by the image as the next
 * item (the Go `flag` package reads both). Each is an occurrence at the value's own characters.
 */
export function argImages(ctx: DocContext, list: Node | null | undefined, path: YamlPath, scope: Scope): Occurrence[] {
  const items = [...ctx.view.items(list)].map(([index, node]) => ({ index, node, text: node ? stringValue(ctx, node) : undefined }));
  const found: Occurrence[] = [];
  const listKey = String(path.at(-1));
  items.forEach(({ index, node, text }, at) => {
    if (!node || text === undefined) return;
    const item = text.trim();
    const eq = item.indexOf('=');
    const flag = imageFlag(eq === -1 ? item : item.slice(0, eq));
    if (!flag) return;
    let target = { node, index, value: item.slice(eq + 1), offset: text.indexOf(item) + eq + 1 };
    if (eq === -1) {
      const next = items[at + 1];
      if (!next?.node || next.text === undefined) return;
      const value = next.text.trim();
      target = { node: next.node, index: next.index, value, offset: next.text.indexOf(value) };
    }
    if (!isOperandReference(target.value)) return;
    const notes = [...(scope.notes ?? []), note(`${item.startsWith('--') ? '--' : '-'}${flag}`, listKey)];
    const occ = fromString(ctx, target.node, [...path, target.index], { ...scope, notes }, 'string', target.value, target.offset);
    if (occ) found.push(occ);
  });
  return found;
}

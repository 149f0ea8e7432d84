import type { Node } from 'yaml';
import type { YamlPath } from '../../model/position.js';
import { candidateKeys, enabledNote, mergedVerdict, type SwitchLayer } from '../../engine/effective/enabled.js';
import { extractValues } from '../helm-values/extract.js';
import { switchesOf } from '../layers/switches.js';
import type { Scope } from '../common/build.js';
import type { DocContext, Sink } from '../types.js';

/**
 * One inline values map of a helmfile release, read as Helm values, with decision 64: an image
 * under `enabled: false` stays a notice only when the release's later `values` entries keep it off
 * (helmfile merges them in order). A later inline map is read; a later file or template string is
 * a layer this check does not join, which may enable it: the image is then an occurrence, with a note.
 */
export function inlineValues(ctx: DocContext, items: [number, Node | null | undefined][], at: number, path: YamlPath, scope: Scope, sink: Sink): void {
  const values = items[at]![1];
  // The same lists, but its own notices: each is decided below.
  const own: Sink = { occurrences: sink.occurrences, charts: sink.charts, mirrors: sink.mirrors, repositories: sink.repositories, diagnostics: sink.diagnostics, ...(sink.registryHosts && { registryHosts: sink.registryHosts }) };
  extractValues(ctx, values, path, scope, own, { disabledAsNotices: true });
  if (own.registryHosts && !sink.registryHosts) sink.registryHosts = own.registryHosts;
  if (!own.disabledImages?.length) return;
  const layers: SwitchLayer[] = [{ kind: 'known', switches: switchesOf(ctx, values, path), what: ctx.file }];
  for (const [index, later] of items.slice(at + 1)) {
    const where = `values entry ${index} of the same release (${ctx.file} line ${later ? ctx.view.span(later).start.line : '?'})`;
    if (ctx.view.map(later)) layers.push({ kind: 'known', switches: switchesOf(ctx, later, [...path.slice(0, -1), index]), what: where });
    else layers.push({ kind: 'unknown', reason: `${where} is a file or template that imagepin does not merge with this map` });
  }
  for (const held of own.disabledImages) {
    const verdict = mergedVerdict(layers, candidateKeys(held));
    if (verdict.off) {
      (sink.notFollowed ??= []).push(held.notice);
      (sink.disabledImages ??= []).push(held);
    } else {
      held.occurrence.notes = [...(held.occurrence.notes ?? []), enabledNote(held, [verdict.why])];
      sink.occurrences.push(held.occurrence);
    }
  }
}

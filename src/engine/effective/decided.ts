import type { Effective, Provenance } from '../../model/occurrence.js';
import type { HeldFiles } from './patch-files.js';

const DECIDING = new Set<Provenance['kind']>(['kustomize-images', 'flux-images', 'kustomize-replacements', 'kustomize-patch', 'flux-patch']);
const PATCH = new Set<Provenance['kind']>(['kustomize-patch', 'flux-patch']);

/** Whether a line of a file holds a part of an occurrence (something `pin` can edit); the index is built on first use. */
export type HoldsOccurrence = (file: string, line: number) => boolean;

export function occurrenceLines(held: HeldFiles): HoldsOccurrence {
  const index = new Map<string, Set<number>>();
  return (file, line) => {
    let lines = index.get(file);
    if (!lines) {
      lines = new Set<number>();
      for (const occ of held.occurrencesOf(file) ?? []) for (const part of Object.values(occ.parts)) if (part) lines.add(part.span.start.line);
      index.set(file, lines);
    }
    return lines.has(line);
  };
}

const unique = (items: string[]): string[] => [...new Set(items)];
const at = (p: Provenance): string => `${p.file} line ${p.line}`;

/** What a patch that writes part of a HelmRelease's image writes (`image.tag`), from its provenance. */
function partWritten(p: Provenance): string | undefined {
  return /^\S+ entry sets (\S+) of HelmRelease/.exec(p.detail)?.[1];
}

/**
 * Why the base line is not what runs anywhere, and where to pin instead. A patch line that holds no
 * occurrence (a HelmRelease patch that writes only `image.tag`) cannot be pinned by imagepin: the
 * text says so, with the file and line, rather than sending `pin` there.
 */
export function decidedText(found: Effective[], holds: HoldsOccurrence): string {
  const deciding = found.flatMap((e) => e.provenance.filter((p) => DECIDING.has(p.kind)));
  const byHand = deciding.filter((p) => PATCH.has(p.kind) && p.line !== undefined && !holds(p.file, p.line));
  const others = deciding.filter((p) => !byHand.includes(p));
  const head = `every kustomization that builds this file sets the image's tag or digest (${unique(deciding.map(at)).join(', ')}), so this line's tag does not run`;
  const what = others.some((p) => PATCH.has(p.kind))
    ? 'the patch there is what to pin'
    : others.some((p) => p.kind === 'kustomize-replacements') ? 'the replacements entry there decides it' : 'the images entry there is what to pin';
  if (byHand.length === 0) return `${head}; ${what}`;
  const manual = unique(byHand.map((p) => {
    const part = partWritten(p);
    return `${at(p)}${part ? ` writes only ${part}` : ' holds no image reference imagepin reads'}`;
  }));
  const rest = others.length > 0 ? `; at ${unique(others.map(at)).join(', ')} ${what.replace(/ there /, ' ')}` : '';
  return `${head}; the patch at ${manual.join(', ')}, which is no image reference imagepin can pin: pin it there by hand${rest}`;
}

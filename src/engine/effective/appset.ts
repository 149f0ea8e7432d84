import type { AppSetGenerators } from '../../model/generators.js';
import type { ArgoHelmLayer } from '../../model/layers.js';
import type { Effective, Occurrence } from '../../model/occurrence.js';
import type { YamlPath } from '../../model/position.js';
import { effectiveOf } from './apply.js';
import { MAX_ELEMENTS, type Expansion } from './generators.js';
import { provenanceOf, render } from './template.js';

/** The template and source part an occurrence is written in (`template:source/helm.valuesObject`), and the generator of a generator's own template. */
function partOf(path: YamlPath): { key: string; generator?: number } | undefined {
  let writer: string;
  let rest: YamlPath;
  let generator: number | undefined;
  if (path[0] !== 'spec') return undefined;
  if (path[1] === 'template' && path[2] === 'spec') [writer, rest] = ['template', path.slice(3)];
  else if (path[1] === 'templatePatch' && path[2] === 'spec') [writer, rest] = ['patch', path.slice(3)];
  else if (path[1] === 'generators' && typeof path[2] === 'number' && path[4] === 'template' && path[5] === 'spec') [writer, rest, generator] = ['generator', path.slice(6), path[2]];
  else return undefined;
  const [source, ...tail] = rest[0] === 'sources' ? [`sources/${String(rest[1])}`, ...rest.slice(2)] : [String(rest[0]), ...rest.slice(1)];
  const part = tail[0] === 'helm' || tail[0] === 'kustomize' ? `${tail[0]}.${String(tail[1])}` : String(tail[0]);
  return { key: `${writer}:${source}/${part}`, ...(generator !== undefined && { generator }) };
}

/** Whether the Applications of a top-level generator get this occurrence: true, or why not, or why that is not known. */
function runsFor(set: AppSetGenerators, part: ReturnType<typeof partOf>, generator: number): true | { not?: string } | { unknown: string } {
  if (!part) return true;
  // Another generator's element never gets this generator's template: that is no reason the line does not run.
  if (part.generator !== undefined && part.generator !== generator) return {};
  const runs = set.templates?.[generator];
  if (!runs) return true;
  if ('unknown' in runs) return runs;
  const found = runs.parts[part.key];
  return found === undefined || found === true ? true : { not: found };
}

/**
 * An ApplicationSet expands a templated image once per element its generators make: a plain
 * parameter is filled from the element (src/engine/effective/template.ts); a missing one, an
 * expression with functions or pipes, or an element imagepin cannot make is unknown. An element
 * whose generator's own template or the templatePatch replaces the part the image is written in
 * does not run it (decision 0047): no entry; when no element runs it, `notRun` says why.
 */
export function setEffective(occ: Occurrence, set: ArgoHelmLayer & { set: NonNullable<ArgoHelmLayer['set']> }, expansion: Expansion): { effective: Effective[]; notRun?: string } {
  const templated = occ.raw.includes('{{');
  const part = partOf(occ.path);
  const context = (element: number): NonNullable<Effective['for']> => ({ kind: 'applicationset-element', file: set.file, ...(set.name && { name: set.name }), element });
  const out: Effective[] = [];
  const not = new Set<string>();
  let ran = 0;
  expansion.elements.forEach((element, index) => {
    const runs = runsFor(set.set, part, element.generator);
    if (runs !== true && !('unknown' in runs)) {
      if (runs.not) not.add(runs.not);
      return;
    }
    ran++;
    if (runs !== true) out.push({ for: context(index), raw: occ.raw, provenance: [], unknown: runs.unknown });
    else if (!templated) return;
    else if ('unknown' in element) out.push({ for: context(index), raw: occ.raw, provenance: [], unknown: element.unknown });
    else {
      const filled = render(occ.raw, element.params, set.set.goTemplate, `element ${index}`);
      out.push({ for: context(index), ...effectiveOf(filled.text, provenanceOf(filled.used), filled.unknown.join('; ') || undefined) });
    }
  });
  if (expansion.capped && templated) {
    out.push({ for: context(MAX_ELEMENTS), raw: occ.raw, provenance: [], unknown: `the generators of ${set.file} make more than ${MAX_ELEMENTS} elements; imagepin expands the first ${MAX_ELEMENTS} (a limit, since the tree may be pull request content), so the others are not checked` });
  }
  const notRun = ran === 0 && not.size > 0 && !expansion.capped ? `no Application that ${set.file} makes gets this line: ${[...not].join('; ')}` : undefined;
  return { effective: out, ...(notRun && { notRun }) };
}

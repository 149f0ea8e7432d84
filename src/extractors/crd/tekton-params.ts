import type { Occurrence } from '../../model/occurrence.js';
import type { YamlPath } from '../../model/position.js';
import { fromString, stringValue } from '../common/build.js';
import type { DocContext } from '../types.js';

/** A whole image string that is one Tekton parameter: `$(params.image)`, `$(inputs.params.image)`. */
const WHOLE_PARAM = /^\$\((?:inputs\.)?params\.([A-Za-z0-9_.-]+)\)$/;
/** Any Tekton parameter inside an image string (`reg/tool:$(params.tag)`). */
const ANY_PARAM = /\$\((?:inputs\.)?params[.[][^)]*\)/;
/** The keys under which a Tekton task spec lists its containers. */
const CONTAINER_LISTS = new Set(['steps', 'sidecars', 'stepTemplate']);

const groupOf = (apiVersion: string | undefined): string => (apiVersion?.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '');

/** Whether this document is a Tekton resource (Task, Pipeline, their runs, StepAction). */
export function isTekton(ctx: DocContext): boolean {
  return groupOf(ctx.apiVersion) === 'tekton.dev';
}

/** The path of the task spec whose `params` a container image at `path` refers to. */
function taskSpecPath(path: YamlPath): YamlPath {
  for (let i = path.length - 1; i >= 0; i--) if (typeof path[i] === 'string' && CONTAINER_LISTS.has(path[i] as string)) return path.slice(0, i);
  // A StepAction names its image at `spec.image`, beside `spec.params`.
  return path.slice(0, 1);
}

function lineOf(occ: Occurrence): number | undefined {
  return occ.parts.image?.span.start.line;
}

/**
 * A Tekton step image written as a parameter (`image: $(params.image)`) is filled in when the task
 * runs, so it is no invalid reference. With a `default` in the same task spec's `params`, that
 * default is the image that runs unless a TaskRun or PipelineRun passes the param: it is reported
 * where it is written (so `pin` edits the string that decides), with a note naming the step line.
 * Without one, or when the parameter is only part of the string, the step is `templated`.
 */
export function resolveTektonParams(ctx: DocContext, occurrences: Occurrence[]): Occurrence[] {
  const out: Occurrence[] = [];
  // Steps that run the same param share its default: one occurrence, every step line in its note.
  const defaults = new Map<string, { occ: Occurrence; name: string; steps: string[] }>();
  for (const occ of occurrences) {
    if (!ANY_PARAM.test(occ.raw)) {
      out.push(occ);
      continue;
    }
    const name = WHOLE_PARAM.exec(occ.raw)?.[1];
    const resolved = name === undefined ? undefined : fromDefault(ctx, occ);
    if (resolved && name !== undefined) {
      const key = resolved.path.join('\u0000');
      const step = `${lineOf(occ) ? `line ${lineOf(occ)}` : 'a step'} (${occ.raw})`;
      const known = defaults.get(key);
      if (known) known.steps.push(step);
      else {
        defaults.set(key, { occ: resolved, name, steps: [step] });
        out.push(resolved);
      }
      continue;
    }
    delete occ.reference;
    occ.parts = occ.parts.image ? { image: occ.parts.image } : {};
    occ.skipReason = 'templated';
    occ.skipDetail = name === undefined
      ? `a Tekton parameter in ${occ.raw} is filled in when the task runs`
      : `Tekton parameter ${occ.raw} is filled in when the task runs, and the task gives no default for it`;
    out.push(occ);
  }
  for (const { occ, name, steps } of defaults.values()) {
    const runs = steps.length === 1 ? `the image at ${steps[0]} runs` : `the images at ${steps.join(' and ')} run`;
    occ.notes = [...(occ.notes ?? []), `the default of Tekton param ${name}, which ${runs}; a TaskRun or PipelineRun that passes ${name} runs another image`];
  }
  return out;
}

/** The occurrence of the default of the param a whole-param step image names, if the task spec has one. */
function fromDefault(ctx: DocContext, occ: Occurrence): Occurrence | undefined {
  const name = WHOLE_PARAM.exec(occ.raw)?.[1];
  const spec = taskSpecPath(occ.path);
  const params = ctx.view.at(ctx.view.doc.contents, [...spec, 'params']);
  for (const [index, param] of ctx.view.items(params)) {
    if (stringValue(ctx, ctx.view.get(param, 'name')) !== name) continue;
    const node = ctx.view.get(param, 'default');
    if (!node || stringValue(ctx, node) === undefined) return undefined;
    const scope = { format: occ.format, ...(occ.workload && { workload: occ.workload }), ...(occ.pullPolicy && { pullPolicy: occ.pullPolicy }), ...(occ.notes && { notes: occ.notes }) };
    return fromString(ctx, node, [...spec, 'params', index, 'default'], scope);
  }
  return undefined;
}

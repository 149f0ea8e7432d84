import type { Node } from 'yaml';
import type { ImageReplacement, ReplacementTarget } from '../../model/layers.js';
import type { DocContext } from '../types.js';

/** `configMapGenerator` literals (`KEY=value`) by generator name; generators with files or envs hold what is not read. */
function generatedLiterals(ctx: DocContext, root: Node | null | undefined): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>();
  for (const [, gen] of ctx.view.items(ctx.view.get(root, 'configMapGenerator'))) {
    const name = ctx.view.str(gen, 'name');
    if (!name) continue;
    const literals = out.get(name) ?? new Map<string, string>();
    for (const [, item] of ctx.view.items(ctx.view.get(gen, 'literals'))) {
      const text = ctx.view.string(item);
      const eq = text?.indexOf('=') ?? -1;
      if (text && eq > 0) literals.set(text.slice(0, eq), text.slice(eq + 1));
    }
    out.set(name, literals);
  }
  return out;
}

function targetsOf(ctx: DocContext, entry: Node | null | undefined): ReplacementTarget[] {
  const out: ReplacementTarget[] = [];
  for (const [, target] of ctx.view.items(ctx.view.get(entry, 'targets'))) {
    const fieldPaths = [...ctx.view.items(ctx.view.get(target, 'fieldPaths'))].map(([, f]) => ctx.view.string(f)).filter((f): f is string => !!f && /image/i.test(f));
    if (fieldPaths.length === 0) continue;
    const t: ReplacementTarget = { fieldPaths };
    const kind = ctx.view.str(target, 'select', 'kind');
    const name = ctx.view.str(target, 'select', 'name');
    const delimiter = ctx.view.str(target, 'options', 'delimiter');
    const index = Number(ctx.view.str(target, 'options', 'index') ?? '0');
    if (kind) t.kind = kind;
    if (name) t.name = name;
    if (delimiter) {
      t.delimiter = delimiter;
      t.index = Number.isInteger(index) ? index : 0;
    }
    out.push(t);
  }
  return out;
}

/**
 * A kustomization's `replacements:` entries that write into an image field (a target field path
 * that names an image). The value is known when the source is a literal of this kustomization's
 * own `configMapGenerator` (the common way to keep a version in one place); any other source
 * (another resource's field, a generator's files, a replacements file) is recorded with a reason.
 */
export function imageReplacements(ctx: DocContext, root: Node | null | undefined): ImageReplacement[] {
  const literals = generatedLiterals(ctx, root);
  const out: ImageReplacement[] = [];
  for (const [index, entry] of ctx.view.items(ctx.view.get(root, 'replacements'))) {
    const targets = targetsOf(ctx, entry);
    if (!entry || targets.length === 0) continue;
    const kind = ctx.view.str(entry, 'source', 'kind') ?? '?';
    const name = ctx.view.str(entry, 'source', 'name') ?? '?';
    const fieldPath = ctx.view.str(entry, 'source', 'fieldPath') ?? 'metadata.name';
    const replacement: ImageReplacement = { path: ['replacements', index], line: ctx.view.span(entry).start.line, source: `${kind} ${name} ${fieldPath}`, targets };
    const value = kind === 'ConfigMap' && fieldPath.startsWith('data.') ? literals.get(name)?.get(fieldPath.slice('data.'.length)) : undefined;
    if (value !== undefined) replacement.value = value;
    else replacement.unknown = `${ctx.file} line ${replacement.line}: kustomize replacements write this image from ${replacement.source}, which is not a configMapGenerator literal of that kustomization (imagepin reads no other source)`;
    out.push(replacement);
  }
  return out;
}

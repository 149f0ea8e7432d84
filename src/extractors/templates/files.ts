/** Template file extensions read by default (`values.yaml.gotmpl`, `controlplane.yaml.j2`, `app.tmpl`). */
export const DEFAULT_TEMPLATE_EXTENSIONS = ['j2', 'jinja', 'jinja2', 'tmpl', 'tpl', 'gotmpl'];

/** A Helm chart's own templates; partials (`_helpers.tpl`) hold definitions, never manifests. */
const HELM_TEMPLATE = /(?:^|\/)templates\/(?!_)[^/]+\.ya?ml$/;
const HELM_PARTIAL = /(?:^|\/)templates\/_[^/]*$/;

/**
 * The name a template file renders to, when it renders YAML: `talos/cp.yaml.j2` → `talos/cp.yaml`,
 * `values.gotmpl` → `values.yaml`. Undefined for files that are not templates, partials, and
 * templates of other formats (`nginx.conf.j2`, `config.json.tmpl`), which are no YAML to read.
 */
export function renderedName(file: string, extensions: readonly string[] = DEFAULT_TEMPLATE_EXTENSIONS): string | undefined {
  if (HELM_PARTIAL.test(file)) return undefined;
  const dot = file.lastIndexOf('.');
  const slash = file.lastIndexOf('/');
  if (dot <= slash + 1 || !extensions.includes(file.slice(dot + 1).toLowerCase())) return undefined;
  const stem = file.slice(0, dot);
  if (/\.ya?ml$/i.test(stem)) return stem;
  return /\.[^/.]*$/.test(stem.slice(slash + 1)) ? undefined : `${stem}.yaml`;
}

/** True for a Helm chart template: YAML whose literal lines are real images and whose `{{ }}` come from values. */
export function isHelmTemplate(file: string): boolean {
  return HELM_TEMPLATE.test(file);
}

/**
 * Values that a tool fills in later and that imagepin must not guess: Go/Helm/ApplicationSet/Jinja
 * templates (`{{ .Values.tag }}`, `{% if %}`), Flux postBuild and shell substitutions (`${TAG}`, `$TAG`),
 * and argocd-vault-plugin placeholders (`<path:secret/data/app#registry>`, `<registry>`, with
 * `| modifier`s), which no image reference can hold (`<` and `>` are in no part of one).
 */
const PATTERNS: [RegExp, string][] = [
  [/\{\{.*?\}\}|\{\{/s, 'template expression'],
  [/\{%.*?%\}|\{%/s, 'template statement'],
  // The placeholders a template file's blocks become while it is read (templates/neutralise.ts).
  [/\uE000[\uE001-\uE003]/, 'template block'],
  [/\$\{[^}]*\}?/, 'substitution variable'],
  [/\$[A-Za-z_][A-Za-z0-9_]*/, 'shell variable'],
  [/<path:[^<>\n]+>/, 'argocd-vault-plugin placeholder'],
  // The generic `<key>` form (the path from the object's avp.kubernetes.io/path annotation); not a regex's named group `(?P<name>` / `(?<name>`.
  [/(?<!\(\?P?)<[A-Za-z0-9_./-]+(?:\s*\|[^<>\n]*)?>/, 'argocd-vault-plugin placeholder'],
];

/** Describes why a value is templated, or returns undefined for a literal. */
export function templatedReason(value: string): string | undefined {
  for (const [pattern, what] of PATTERNS) {
    const match = pattern.exec(value);
    if (match) return `${what} ${match[0]} is filled in at deploy time`;
  }
  return undefined;
}

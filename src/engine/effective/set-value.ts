/**
 * A `valuesFrom` entry's `targetPath` and value as helm-controller sets them: it passes
 * `<targetPath>=<value>` to Helm's `--set` parser (strvals `ParseInto`; a value in single or double
 * quotes has them dropped and goes to `ParseIntoString`). imagepin follows the plain cases and says
 * which it does not evaluate (decision 0048).
 */

/** The dotted key imagepin uses (`a.b.0.c`) for a `--set` path: `a.b[0].c`, `a[0][1]`; undefined for an escaped dot or an empty part. */
export function targetKey(path: string): string | undefined {
  if (path.includes('\\')) return undefined;
  const parts: string[] = [];
  for (const part of path.split('.')) {
    const match = /^([^[\]]*)((?:\[\d{1,5}\])*)$/.exec(part);
    if (!match || (match[1] === '' && (parts.length === 0 || match[2] === ''))) return undefined;
    if (match[1] !== '') parts.push(match[1]!);
    for (const index of match[2]!.matchAll(/\[(\d+)\]/g)) parts.push(String(Number(index[1])));
  }
  return parts.length > 0 ? parts.join('.') : undefined;
}

export type SetValue = { value: string } | { unknown: string };

/** What `--set` makes of the text after `=`, when it is one plain string; why not, otherwise. */
function setParsed(raw: string, quoted: boolean): SetValue {
  if (raw === '') return { unknown: 'it is empty, and imagepin does not guess what the chart makes of an empty value' };
  if (raw.startsWith('{')) return { unknown: 'it starts with {, which Helm\'s --set parsing reads as a list' };
  if (/[,\\]/.test(raw)) return { unknown: `it holds a comma or a backslash, which Helm's --set parsing reads as more keys or an escape` };
  if (/[\r\n]/.test(raw)) return { unknown: 'it holds a line break, which Helm\'s --set parsing keeps in the value' };
  if (!quoted && /^(?:true|false|null)$/i.test(raw)) return { unknown: `Helm's --set parsing reads ${raw} as a ${raw.toLowerCase() === 'null' ? 'null, which removes the key' : 'boolean'}` };
  // A number is an int64 to strvals, which a template prints with the same digits.
  return { value: raw };
}

/**
 * The value one `targetPath` entry sets: `raw` as the ConfigMap holds it. `literal` (an entry's
 * `literal: true`) keeps it as written (Helm `--set-literal`); imagepin applies it only where both
 * readings agree, since it cannot tell whether the cluster's helm-controller reads that field.
 */
export function targetValue(raw: string, literal: boolean): SetValue {
  // helm-controller: a value that starts and ends with one quote character has every quote trimmed from both ends.
  const quoted = ['"', "'"].some((q) => raw.startsWith(q) && raw.endsWith(q));
  const parsed = setParsed(quoted ? raw.replace(/^["']+|["']+$/g, '') : raw, quoted);
  if (!literal) return parsed;
  if ('value' in parsed && parsed.value === raw) return parsed;
  const asSet = 'value' in parsed ? `as --set it is ${parsed.value}` : `as --set ${parsed.unknown}`;
  return { unknown: `literal: true keeps ${JSON.stringify(raw)} as written (--set-literal), ${asSet}; imagepin does not know which the cluster's helm-controller applies` };
}

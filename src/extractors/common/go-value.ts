/**
 * How Argo CD prints a parameter that came from YAML or JSON: sigs.k8s.io/yaml decodes numbers as
 * float64, and both fasttemplate (`fmt.Sprintf("%v")`) and Go templates print them with `%v`, the
 * shortest form with an exponent from 1e+06 up (`1000000` → `1e+06`, `1.10` → `1.1`). Undefined for
 * null, maps and lists, which are not one value.
 */
export function goValue(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'bigint') return goValue(Number(value));
  if (typeof value !== 'number' || !Number.isFinite(value)) return undefined;
  if (value === 0) return '0';
  const [mantissa, exp] = value.toExponential().split('e') as [string, string];
  const exponent = Number(exp);
  if (exponent < -4 || exponent >= 6) return `${mantissa}e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
  return String(value);
}

/** The flat keys Argo CD gives a nested value: maps joined by `.`; list items `.0` (fasttemplate, jeremywohl/flatten DotStyle) or `[0]` (kept for goTemplate's `index`). */
export function flatKey(prefix: string, key: string | number, goTemplate: boolean): string {
  if (typeof key === 'number') return goTemplate ? `${prefix}[${key}]` : `${prefix}.${key}`;
  return prefix ? `${prefix}.${key}` : key;
}

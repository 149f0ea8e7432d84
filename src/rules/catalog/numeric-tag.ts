import type { NumericTag, Occurrence } from '../../model/occurrence.js';
import type { Draft, Rule } from '../types.js';

/** Helm reads values as float64 (JSON numbers) and a template prints one with 7 digits or more in Go's exponent form. */
const HELM_EXPONENT_FROM = 1e6;

/** `5.621277e+06`: how Go's `%v` prints a float64 of 1e6 or more (shortest mantissa, two-digit exponent). */
function goExponent(value: number): string {
  const [mantissa, exponent] = value.toExponential().split('e');
  const e = Number(exponent);
  return `${mantissa}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
}

/** Which reader turns the tag into the image: kustomize's `images:`, Helm values, or something else (a CRD field). */
function reader(occ: Occurrence): 'kustomize' | 'crd-newTag' | 'helm' | 'other' {
  const path = occ.parts.tag?.path ?? [];
  if (path[path.length - 1] === 'newTag') return occ.format === 'kustomize' ? 'kustomize' : 'crd-newTag';
  if (occ.format === 'helm-values' || occ.format === 'helmfile') return 'helm';
  if ((occ.format === 'flux' || occ.format === 'argocd') && path.some((seg) => seg === 'values' || seg === 'valuesObject')) return 'helm';
  return 'other';
}

/** What YAML itself does to the text, when it changes it: each kind of number loses something else; `exact` when the result is known. */
function lost(numeric: NumericTag): { what: string; exact: boolean } | undefined {
  const { source, asNumber } = numeric;
  if (source === asNumber) return undefined;
  if (/^[-+]?0(\d|[oOxX])/.test(source)) return { what: `a number to YAML, and its leading zero is lost (YAML 1.2 reads ${asNumber}; a YAML 1.1 reader takes \`0\` followed by digits as octal)`, exact: false };
  if (/[eE]/.test(source)) return { what: `the number ${asNumber} to YAML (\`e\` is an exponent)`, exact: true };
  if (!/[.]/.test(source) && Math.abs(Number(asNumber)) > Number.MAX_SAFE_INTEGER) return { what: `an integer beyond 2^53, which a float64 (Helm's, JavaScript's) cannot hold exactly: it reads as ${asNumber}`, exact: true };
  return { what: `the number ${asNumber} to YAML`, exact: true };
}

/** An unquoted tag that YAML reads as a number: what each reader makes of it, per kind of number. */
function draft(occ: Occurrence, numeric: NumericTag): Omit<Draft, 'span' | 'fix'> {
  const { source } = numeric;
  const who = reader(occ);
  if (who === 'kustomize') {
    return { message: `The unquoted tag \`${source}\` is a number to YAML, and kustomize reads \`newTag\` only as a string: \`kustomize build\` of this overlay fails ("cannot unmarshal number into … newTag of type string").` };
  }
  if (who === 'crd-newTag') {
    return { message: `The unquoted tag \`${source}\` is a number to YAML, where the resource's schema expects a string for \`newTag\`: the API server can refuse the object.` };
  }
  const change = lost(numeric);
  if (change) {
    const value = Number(numeric.asNumber);
    const shown = who === 'helm' && Number.isFinite(value) && Math.abs(value) >= HELM_EXPONENT_FROM ? goExponent(value) : numeric.asNumber;
    return { message: `The unquoted tag \`${source}\` is ${change.what}, so the image deployed is ${change.exact ? `\`…:${shown}\`, ` : ''}not \`…:${source}\`.` };
  }
  const integer = /^[-+]?\d+$/.test(source);
  if (!integer) return { message: `The unquoted tag \`${source}\` is read as a number; it survives only while it has no trailing zero.`, severity: 'info' };
  if (who === 'helm' && Math.abs(Number(source)) >= HELM_EXPONENT_FROM) {
    return { message: `The unquoted tag \`${source}\` is read as a number, and Helm reads values as float64: a template that prints it (\`{{ .Values.image.tag }}\`) writes \`…:${goExponent(Number(source))}\`, which is not the tag.` };
  }
  return { message: `The unquoted tag \`${source}\` is read as an integer; it survives only while the tag stays an integer${who === 'helm' ? ' under 1000000' : ''} without a leading zero (a later \`0123\` would lose its zero).`, severity: 'info' };
}

/** An unquoted tag that YAML reads as a number: `tag: 3.10` is 3.1, so Helm renders `python:3.1`. */
export const numericTag: Rule = {
  id: 'numeric-tag',
  severity: 'error',
  summary: 'An unquoted YAML tag that parses as a number (3.10 becomes 3.1; kustomize refuses a number in newTag)',
  occurrence({ occ }) {
    const numeric = occ.numericTag;
    const span = occ.parts.tag?.span;
    if (!numeric || !span) return undefined;
    const key = occ.parts.tag?.path[occ.parts.tag.path.length - 1];
    const fix = `Quote it: \`${typeof key === 'string' ? key : 'tag'}: "${numeric.source}"\`.`;
    return { ...draft(occ, numeric), fix, span };
  },
};

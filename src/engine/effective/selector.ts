/**
 * Kubernetes label selectors as kustomize reads a patch target's `labelSelector` and
 * `annotationSelector` (the apimachinery `labels.Parse` syntax): requirements joined by commas (AND),
 * each `key`, `!key`, `key=value` (`==`), `key!=value`, `key in (a,b)`, `key notin (a,b)`, `key>N`, `key<N`.
 */

type Op = 'exists' | '!exists' | 'in' | 'notin' | 'gt' | 'lt';

interface Requirement {
  key: string;
  op: Op;
  values: string[];
}

export type Selector = Requirement[];

const KEY = /^(?:[a-z0-9]([-a-z0-9]*[a-z0-9])?(?:\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9](?:[-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const VALUE = /^(?:[A-Za-z0-9](?:[-A-Za-z0-9_.]*[A-Za-z0-9])?)?$/;
const SYMBOLS = ['==', '!=', '=', '!', '(', ')', ',', '>', '<'];

/** The selector's tokens: symbols, and words (anything else between blanks and symbols). */
function tokens(text: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < text.length) {
    if (/\s/.test(text[i]!)) {
      i++;
      continue;
    }
    const symbol = SYMBOLS.find((s) => text.startsWith(s, i));
    if (symbol) {
      out.push(symbol);
      i += symbol.length;
      continue;
    }
    let j = i;
    while (j < text.length && !/\s/.test(text[j]!) && !SYMBOLS.some((s) => text.startsWith(s, j))) j++;
    out.push(text.slice(i, j));
    i = j;
  }
  return out;
}

const isWord = (t: string | undefined): t is string => t !== undefined && !SYMBOLS.includes(t);

/** A selector, or why it is not one (kustomize then fails the build). */
export function parseSelector(text: string): Selector | string {
  const toks = tokens(text);
  const out: Selector = [];
  let i = 0;
  const bad = (why: string): string => `${why} in selector ${JSON.stringify(text)}`;
  while (i < toks.length) {
    const negated = toks[i] === '!';
    if (negated) i++;
    const key = toks[i++];
    if (!isWord(key) || !KEY.test(key)) return bad(`${key === undefined ? 'a missing key' : `${JSON.stringify(key)} is not a label key`}`);
    const op = toks[i];
    if (negated || op === undefined || op === ',') {
      out.push({ key, op: negated ? '!exists' : 'exists', values: [] });
    } else if (op === '=' || op === '==' || op === '!=' || op === '>' || op === '<') {
      i++;
      const value = isWord(toks[i]) ? toks[i++]! : '';
      if (!VALUE.test(value)) return bad(`${JSON.stringify(value)} is not a label value`);
      if ((op === '>' || op === '<') && !/^-?\d+$/.test(value)) return bad(`${JSON.stringify(value)} is not an integer`);
      out.push({ key, op: op === '!=' ? 'notin' : op === '>' ? 'gt' : op === '<' ? 'lt' : 'in', values: [value] });
    } else if ((op === 'in' || op === 'notin') && toks[i + 1] === '(') {
      i += 2;
      const values: string[] = [];
      while (toks[i] !== ')') {
        const value = isWord(toks[i]) ? toks[i++]! : '';
        if (!VALUE.test(value)) return bad(`${JSON.stringify(value)} is not a label value`);
        values.push(value);
        if (toks[i] === ',') i++;
        else if (toks[i] !== ')') return bad(toks[i] === undefined ? 'a missing )' : `an unexpected ${JSON.stringify(toks[i])}`);
      }
      i++;
      out.push({ key, op, values });
    } else {
      return bad(`an unexpected ${JSON.stringify(op)} after ${key}`);
    }
    if (i < toks.length && toks[i++] !== ',') return bad(`an unexpected ${JSON.stringify(toks[i - 1])}`);
    if (i === toks.length && toks[i - 1] === ',') return bad('a missing requirement after ,');
  }
  return out;
}

/** Whether labels (or annotations) meet every requirement, as apimachinery's `Requirement.Matches`. */
export function selectorMatches(selector: Selector, labels: Readonly<Record<string, string>>): boolean {
  return selector.every(({ key, op, values }) => {
    const has = Object.hasOwn(labels, key);
    const value = labels[key];
    switch (op) {
      case 'exists':
        return has;
      case '!exists':
        return !has;
      case 'in':
        return has && values.includes(value!);
      case 'notin':
        return !has || !values.includes(value!);
      default: {
        if (!has || !/^-?\d+$/.test(value!)) return false;
        const [actual, wanted] = [BigInt(value!), BigInt(values[0]!)];
        return op === 'gt' ? actual > wanted : actual < wanted;
      }
    }
  });
}

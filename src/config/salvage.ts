import type { z } from 'zod';
import { configSchema, RULE_IDS, type Config } from './schema.js';
import { didYouMean } from './suggest.js';

/** One setting that could not be used: where it is, what is wrong, and what applies instead. */
export interface SalvageProblem {
  path: PropertyKey[];
  message: string;
  /** What the check uses in its place, in words: "it was ignored", "the default `error` was used". */
  instead: string;
}

/** The keys allowed under each map of the schema, for "did you mean". */
const KNOWN_KEYS: Record<string, readonly string[]> = {
  '': Object.keys(configSchema.shape),
  rules: RULE_IDS,
  ignore: Object.keys(configSchema.shape.ignore.unwrap().shape),
  deployments: Object.keys(configSchema.shape.deployments.unwrap().shape),
};

const quote = (v: unknown): string => `\`${String(v)}\``;

function describe(issue: z.core.$ZodIssue, received: unknown): string {
  const got = received === undefined ? '' : ` (got ${JSON.stringify(received)})`;
  switch (issue.code) {
    case 'invalid_value': {
      const guess = typeof received === 'string' ? didYouMean(received, issue.values.map(String)) : undefined;
      return `must be one of ${issue.values.map(String).join(', ')}${got}${guess ? `; did you mean ${quote(guess)}?` : ''}`;
    }
    case 'invalid_type':
      return `must be ${issue.expected === 'array' ? 'a list' : issue.expected === 'object' ? 'a map' : `a ${issue.expected}`}${got}`;
    case 'invalid_key':
      return `is not a valid key: ${issue.issues[0]?.message ?? issue.message}`;
    default:
      return `${issue.message}${got}`;
  }
}

function at(value: unknown, path: readonly PropertyKey[]): unknown {
  let current = value;
  for (const key of path) current = current && typeof current === 'object' ? (current as Record<PropertyKey, unknown>)[key] : undefined;
  return current;
}

/** Deletes the value at `path`; array elements are removed (callers go from the highest index down). */
function remove(root: unknown, path: readonly PropertyKey[]): void {
  const parent = at(root, path.slice(0, -1));
  const last = path[path.length - 1]!;
  if (Array.isArray(parent) && typeof last === 'number') parent.splice(last, 1);
  else if (parent && typeof parent === 'object') delete (parent as Record<PropertyKey, unknown>)[last];
}

/** Issues of one pass as problems, each with the path to drop so that the rest of the file still applies. */
function problemsOf(issues: z.core.$ZodIssue[], data: unknown): { problems: SalvageProblem[]; drop: PropertyKey[][] } {
  const problems: SalvageProblem[] = [];
  const drop: PropertyKey[][] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      const known = KNOWN_KEYS[issue.path.join('.')] ?? [];
      for (const key of issue.keys) {
        const guess = didYouMean(key, known);
        const hint = guess ? `did you mean ${quote(guess)}?` : known.length ? `allowed here: ${known.join(', ')}` : '';
        problems.push({ path: [...issue.path, key], message: `is not a known key${hint ? `; ${hint}` : ''}`, instead: 'it was ignored' });
        drop.push([...issue.path, key]);
      }
      continue;
    }
    problems.push({ path: issue.path, message: describe(issue, issue.code === 'invalid_key' ? undefined : at(data, issue.path)), instead: '' });
    drop.push(issue.path);
  }
  return { problems, drop };
}

/** What applies in place of a dropped value, read from the configuration that was finally used. */
function insteadOf(path: PropertyKey[], config: Config, data: unknown): string {
  if (path.length === 0) return 'the defaults were used';
  if (typeof path[path.length - 1] === 'number' && Array.isArray(at(data, path.slice(0, -1)))) return 'it was left out of the list';
  if (path[0] === 'rules' && path.length === 2) return 'the rule keeps its default severity';
  if (path[0] === 'mirrors' && path.length === 2) return 'it was ignored';
  const used = at(config, path);
  return used === undefined ? 'it was ignored' : `the default ${quote(JSON.stringify(used))} was used`;
}

/**
 * Validates parsed configuration and keeps what is valid: each unknown key, invalid value or bad
 * list entry is dropped and reported, and the schema's defaults fill its place. Dropping repeats
 * until the rest parses (a few passes at most: each pass removes at least one value).
 */
export function salvageConfig(data: unknown): { config: Config; problems: SalvageProblem[] } {
  const working: unknown = structuredClone(data);
  const problems: SalvageProblem[] = [];
  for (let pass = 0; pass < 20; pass++) {
    const result = configSchema.safeParse(working);
    if (result.success) {
      for (const p of problems) p.instead ||= insteadOf(p.path, result.data, data);
      return { config: result.data, problems };
    }
    const found = problemsOf(result.error.issues, working);
    problems.push(...found.problems);
    if (found.drop.some((p) => p.length === 0)) break;
    // Highest array index first, so removing one element does not move the next one to drop.
    const order = found.drop.sort((a, b) => (typeof b[b.length - 1] === 'number' ? Number(b[b.length - 1]) : -1) - (typeof a[a.length - 1] === 'number' ? Number(a[a.length - 1]) : -1));
    for (const path of order) remove(working, path);
  }
  const config = configSchema.parse({});
  for (const p of problems) p.instead ||= 'the defaults were used';
  return { config, problems };
}

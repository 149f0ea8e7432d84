import { parse } from 'yaml';
import type { z } from 'zod';
import { configSchema, defaultConfig, RULE_IDS, type Config } from './schema.js';

/** A configuration problem, phrased for the person who has to fix the file. */
export interface ConfigProblem {
  key: string;
  message: string;
}

export type LoadedConfig = { ok: true; config: Config } | { ok: false; problems: ConfigProblem[]; config: Config };

const ALLOWED_KEYS: Record<string, readonly string[]> = {
  '': Object.keys(configSchema.shape),
  rules: RULE_IDS,
  ignore: ['paths', 'references'],
};

function describe(issue: z.core.$ZodIssue, received: unknown): string {
  const got = received === undefined ? '' : ` (got ${JSON.stringify(received)})`;
  switch (issue.code) {
    case 'invalid_value':
      return `must be one of ${issue.values.map(String).join(', ')}${got}`;
    case 'invalid_type':
      return `must be ${issue.expected === 'array' ? 'a list' : issue.expected === 'object' ? 'a map' : `a ${issue.expected}`}${got}`;
    case 'invalid_key':
      return `is not a valid key: ${issue.issues[0]?.message ?? issue.message}`;
    default:
      return `${issue.message}${got}`;
  }
}

function at(value: unknown, path: PropertyKey[]): unknown {
  let current = value;
  for (const key of path) current = current && typeof current === 'object' ? (current as Record<PropertyKey, unknown>)[key] : undefined;
  return current;
}

/**
 * Validates `.github/imagepin.yml` text. A problem never throws: the defaults are returned with a
 * list of problems that name the key and the allowed values, to show to the user.
 */
export function loadConfig(text: string | undefined, source = '.github/imagepin.yml'): LoadedConfig {
  if (text === undefined || text.trim() === '') return { ok: true, config: defaultConfig() };
  let data: unknown;
  try {
    data = parse(text, { maxAliasCount: 50, prettyErrors: true }) ?? {};
  } catch (err) {
    return { ok: false, config: defaultConfig(), problems: [{ key: source, message: `is not valid YAML: ${(err as Error).message.split('\n')[0]}` }] };
  }
  return validateConfig(data);
}

/** Validates configuration that is already parsed (Probot's context.config returns an object). */
export function validateConfig(data: unknown): LoadedConfig {
  if (data === null || data === undefined) return { ok: true, config: defaultConfig() };
  const result = configSchema.safeParse(data);
  if (result.success) return { ok: true, config: result.data };
  const problems = result.error.issues.flatMap((issue): ConfigProblem[] => {
    const parent = issue.path.join('.');
    if (issue.code === 'unrecognized_keys') {
      const allowed = ALLOWED_KEYS[parent];
      return issue.keys.map((key) => ({ key: parent ? `${parent}.${key}` : key, message: `is not a known key${allowed ? `; allowed here: ${allowed.join(', ')}` : ''}` }));
    }
    const isKey = issue.code === 'invalid_key';
    return [{ key: parent || '(top level)', message: describe(issue, isKey ? undefined : at(data, issue.path)) }];
  });
  return { ok: false, config: defaultConfig(), problems };
}

/** One line per problem: "`rules.floating-tag` must be one of off, info, warning, error (got "loud")". */
export function formatProblems(problems: ConfigProblem[]): string[] {
  return problems.map((p) => `\`${p.key}\` ${p.message}`);
}

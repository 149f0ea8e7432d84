type Data = Record<string, unknown>;

const isMap = (v: unknown): v is Data => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Helm's coalescing of user values over chart defaults: maps merge key by key, lists and scalars
 * are replaced, and `null` deletes a default.
 */
export function helmMerge(defaults: unknown, overrides: unknown): unknown {
  if (!isMap(defaults) || !isMap(overrides)) return overrides === undefined ? defaults : overrides;
  const out: Data = { ...defaults };
  for (const [key, value] of Object.entries(overrides)) {
    if (value === null) delete out[key];
    else out[key] = helmMerge(defaults[key], value);
  }
  return out;
}

/** Whether the repository's values set a path (then that part does not come from the chart). */
export function hasPath(data: unknown, path: (string | number)[]): boolean {
  let current = data;
  for (const key of path) {
    if (current === null || typeof current !== 'object' || !(key in current)) return false;
    current = (current as Data)[key as string];
  }
  return current !== undefined;
}

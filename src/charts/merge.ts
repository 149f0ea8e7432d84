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

/** The value at a path of keys in plain data, or undefined. */
export function valueAt(data: unknown, path: (string | number)[]): unknown {
  let current = data;
  for (const key of path) current = current !== null && typeof current === 'object' ? (current as Data)[key as string] : undefined;
  return current;
}

/** Whether the repository's values set a path (then that part does not come from the chart). */
export function hasPath(data: unknown, path: (string | number)[]): boolean {
  return valueAt(data, path) !== undefined;
}

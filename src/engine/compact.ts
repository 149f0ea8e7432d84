import type { FileResult } from '../model/file-result.js';
import type { Position, Span, YamlPath } from '../model/position.js';

// V8 keeps a substring of 13 characters or more as a slice of its parent (the whole file text).
const SLICE_MIN = 13;

type Node = Record<string, unknown> | unknown[];

const NO_PATHS: ReadonlySet<string> = new Set();

function isYamlPath(value: object): value is YamlPath {
  return Array.isArray(value) && value.every((k) => typeof k === 'string' || typeof k === 'number');
}

/** What is shared within one file: positions by offset, spans by their (shared) ends, and the objects already walked. */
interface FileTables {
  positions: Map<number, Position[]>;
  spans: Map<Position, Map<Position, Span>>;
  seen: WeakSet<object>;
}

/** `Object.keys(value).length === n`, without the array: this runs on every object the walk meets. */
function hasKeys(value: object, n: number): boolean {
  let count = 0;
  for (const key in value) if (Object.hasOwn(value, key) && ++count > n) return false;
  return count === n;
}

function isPosition(value: Record<string, unknown>): value is Record<string, unknown> & Position {
  return typeof value.offset === 'number' && typeof value.line === 'number' && typeof value.col === 'number' && hasKeys(value, 3);
}

function at(v: unknown): boolean {
  return !!v && typeof v === 'object' && isPosition(v as Record<string, unknown>);
}

function isSpan(value: Record<string, unknown>): value is Record<string, unknown> & Span {
  return at(value.start) && at(value.end) && hasKeys(value, 2);
}

/**
 * Makes what one file yielded small before it joins the inventory (issue 17), without changing a
 * value: equal strings (file paths, registries, repositories, keys) become one copy, cut loose
 * from the file text they were sliced from, so no file's text stays alive through them; equal
 * YAML paths become one array; equal positions and spans in a file become one object. The tables belong
 * to one scan (one instance); nothing is kept at module level. Nothing in imagepin mutates a
 * path or a position after extraction, which is what makes the sharing safe.
 */
export class Compactor {
  private readonly strings = new Map<string, string>();
  private readonly paths = new Map<string, YamlPath>();

  /** One copy of a string per scan, never a slice of a larger one. */
  string(value: string): string {
    const known = this.strings.get(value);
    if (known !== undefined) return known;
    // Concatenating and slicing gives a string that points at a fresh flat copy, not at the file text;
    // one pass over the characters, where a JSON round trip made two and escaped (decision 37).
    const own = value.length >= SLICE_MIN ? (' ' + value).slice(1) : value;
    this.strings.set(own, own);
    return own;
  }

  /** One array per distinct YAML path per scan. */
  path(value: YamlPath): YamlPath {
    const key = JSON.stringify(value);
    const known = this.paths.get(key);
    if (known) return known;
    const own = value.map((k) => (typeof k === 'string' ? this.string(k) : k));
    this.paths.set(key, own);
    return own;
  }

  /** Compacts the occurrences, charts, mirrors and diagnostics of one file in place; its layers are left alone. */
  file(result: FileResult): FileResult {
    const tables: FileTables = { positions: new Map(), spans: new Map(), seen: new WeakSet() };
    result.file = this.string(result.file);
    for (const list of [result.occurrences, result.charts, result.mirrors, result.repositories, result.registryHosts ?? [], result.diagnostics, (result.disabledImages ?? []).map((d) => d.occurrence)]) this.walk(list, tables);
    return result;
  }

  /**
   * The strings of plain data (objects and arrays), in place: each becomes the scan's one copy.
   * With `paths`, so do the YAML paths under those keys (arrays of keys and indexes, which nothing
   * changes after extraction); no other array or object is shared, so it is safe for data whose
   * other arrays may be changed later (layers).
   */
  plain(node: Node, paths: ReadonlySet<string> = NO_PATHS, seen = new WeakSet<object>()): void {
    if (seen.has(node)) return;
    seen.add(node);
    const record = node as Record<string | number, unknown>;
    for (const key in record) {
      const value = record[key];
      if (typeof value === 'string') record[key] = this.string(value);
      else if (!value || typeof value !== 'object') continue;
      else if (paths.has(key) && isYamlPath(value)) record[key] = this.path(value);
      else if (Array.isArray(value) || Object.getPrototypeOf(value) === Object.prototype) this.plain(value as Node, paths, seen);
    }
  }

  private walk(node: Node, file: FileTables): void {
    if (file.seen.has(node)) return;
    file.seen.add(node);
    const record = node as Record<string | number, unknown>;
    for (const key in record) {
      const value = record[key];
      if (typeof value === 'string') record[key] = this.string(value);
      else if (!value || typeof value !== 'object') continue;
      else if (Array.isArray(value)) {
        if (key === 'path' && isYamlPath(value)) record[key] = this.path(value);
        else this.walk(value, file);
      } else if (isPosition(value as Record<string, unknown>)) record[key] = this.position(value as Position, file);
      else if (isSpan(value as Record<string, unknown>)) record[key] = this.span(value as Span, file);
      else if (Object.getPrototypeOf(value) === Object.prototype) this.walk(value as Node, file);
    }
  }

  private span(value: Span, file: FileTables): Span {
    const start = this.position(value.start, file);
    const end = this.position(value.end, file);
    let byEnd = file.spans.get(start);
    if (!byEnd) file.spans.set(start, (byEnd = new Map()));
    const known = byEnd.get(end);
    if (known) return known;
    value.start = start;
    value.end = end;
    byEnd.set(end, value);
    return value;
  }

  private position(value: Position, file: FileTables): Position {
    const same = file.positions.get(value.offset);
    const known = same?.find((p) => p.line === value.line && p.col === value.col);
    if (known) return known;
    if (same) same.push(value);
    else file.positions.set(value.offset, [value]);
    return value;
  }
}

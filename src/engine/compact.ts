import type { FileResult } from '../model/file-result.js';
import type { Position, Span, YamlPath } from '../model/position.js';

// V8 keeps a substring of 13 characters or more as a slice of its parent (the whole file text).
const SLICE_MIN = 13;

type Node = Record<string, unknown> | unknown[];

function isPosition(value: Record<string, unknown>): value is Record<string, unknown> & Position {
  const keys = Object.keys(value);
  return keys.length === 3 && typeof value.line === 'number' && typeof value.col === 'number' && typeof value.offset === 'number';
}

function isSpan(value: Record<string, unknown>): value is Record<string, unknown> & Span {
  const keys = Object.keys(value);
  const at = (v: unknown): boolean => !!v && typeof v === 'object' && isPosition(v as Record<string, unknown>);
  return keys.length === 2 && at(value.start) && at(value.end);
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
    // A JSON round trip gives a fresh flat string (lone surrogates included), where a slice would keep its parent.
    const own = value.length >= SLICE_MIN ? (JSON.parse(JSON.stringify(value)) as string) : value;
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
    const positions = new Map<string, Position>();
    const seen = new WeakSet<object>();
    const spans = new Map<string, Span>();
    result.file = this.string(result.file);
    for (const list of [result.occurrences, result.charts, result.mirrors, result.repositories, result.registryHosts ?? [], result.diagnostics]) this.walk(list, positions, seen, spans);
    return result;
  }

  private walk(node: Node, positions: Map<string, Position>, seen: WeakSet<object>, spans: Map<string, Span>): void {
    if (seen.has(node)) return;
    seen.add(node);
    const entries: [string | number, unknown][] = Array.isArray(node) ? node.map((v, i) => [i, v]) : Object.entries(node);
    const set = (key: string | number, value: unknown): void => {
      (node as Record<string | number, unknown>)[key] = value;
    };
    for (const [key, value] of entries) {
      if (typeof value === 'string') set(key, this.string(value));
      else if (!value || typeof value !== 'object') continue;
      else if (key === 'path' && Array.isArray(value) && value.every((k) => typeof k === 'string' || typeof k === 'number')) set(key, this.path(value as YamlPath));
      else if (!Array.isArray(value) && isPosition(value as Record<string, unknown>)) set(key, this.position(value as Position, positions));
      else if (!Array.isArray(value) && isSpan(value as Record<string, unknown>)) set(key, this.span(value as Span, positions, spans));
      else if (Array.isArray(value) || Object.getPrototypeOf(value) === Object.prototype) this.walk(value as Node, positions, seen, spans);
    }
  }

  private span(value: Span, positions: Map<string, Position>, spans: Map<string, Span>): Span {
    const start = this.position(value.start, positions);
    const end = this.position(value.end, positions);
    const key = `${start.offset}:${start.line}:${start.col}-${end.offset}:${end.line}:${end.col}`;
    const known = spans.get(key);
    if (known) return known;
    value.start = start;
    value.end = end;
    spans.set(key, value);
    return value;
  }

  private position(value: Position, positions: Map<string, Position>): Position {
    const key = `${value.offset}:${value.line}:${value.col}`;
    const known = positions.get(key);
    if (known) return known;
    positions.set(key, value);
    return value;
  }
}

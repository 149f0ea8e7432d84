import type { Inventory } from '../engine/scan.js';
import type { Occurrence } from '../model/occurrence.js';
import { formatPath } from '../model/position.js';

/** Version of the JSON output; bumped only for changes that break readers (docs/json-output.md). */
export const JSON_SCHEMA_VERSION = 1;

function occurrenceJson(occ: Occurrence): Record<string, unknown> {
  const { parts, path, ...rest } = occ;
  return {
    ...rest,
    path: formatPath(path),
    line: (parts.image ?? parts.repository)?.span.start.line,
    parts: Object.fromEntries(Object.entries(parts).map(([name, part]) => [name, { path: formatPath(part.path), span: part.span, style: part.node.style, source: part.node.source }])),
  };
}

/** The stable JSON document of `imagepin scan --format json`. */
export function toJson(inventory: Inventory): string {
  const doc = {
    schemaVersion: JSON_SCHEMA_VERSION,
    tool: 'imagepin',
    source: inventory.source,
    summary: {
      files: inventory.files.length,
      occurrences: inventory.occurrences.length,
      diagnostics: inventory.diagnostics.length,
    },
    files: inventory.files,
    occurrences: inventory.occurrences.map(occurrenceJson),
    charts: inventory.charts.map(({ path, ...rest }) => ({ ...rest, path: formatPath(path) })),
    mirrors: inventory.mirrors.map(({ path, ...rest }) => ({ ...rest, path: formatPath(path) })),
    repositories: inventory.repositories,
    diagnostics: inventory.diagnostics,
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

import type { Inventory } from '../engine/scan.js';
import { isArtifact, type Occurrence } from '../model/occurrence.js';
import { formatPath } from '../model/position.js';
import { resolvable } from '../engine/resolve.js';
import type { Resolution } from '../resolver/types.js';
import type { Finding } from '../rules/types.js';

/** Version of the JSON output; bumped only for changes that break readers (docs/json-output.md). */
export const JSON_SCHEMA_VERSION = 3;

function occurrenceJson(occ: Occurrence, resolutions?: Map<string, Resolution>): Record<string, unknown> {
  const { parts, path, ...rest } = occ;
  const resolution = resolvable(occ) ? resolutions?.get(occ.reference.canonical) : undefined;
  return {
    ...rest,
    ...(resolution && { resolution }),
    path: formatPath(path),
    line: (parts.image ?? parts.repository)?.span.start.line,
    parts: Object.fromEntries(Object.entries(parts).map(([name, part]) => [name, { path: formatPath(part.path), span: part.span, style: part.node.style, source: part.node.source }])),
  };
}

/**
 * The stable JSON document of `imagepin scan --format json`, as chunks of one compact JSON text,
 * so that a large inventory is written out without first building one huge string.
 */
export function* toJsonChunks(inventory: Inventory, findings?: Finding[]): Generator<string> {
  const { occurrences: all, ...head } = jsonDocument(inventory);
  const occurrences = all.filter((o) => !isArtifact(o));
  const artifacts = all.filter(isArtifact).map((o) => occurrenceJson(o, inventory.resolutions));
  yield JSON.stringify({ ...head, artifacts }).slice(0, -1);
  if (findings) {
    yield ',"findings":[';
    for (let i = 0; i < findings.length; i++) yield (i === 0 ? '' : ',') + JSON.stringify(findings[i]);
    yield ']';
  }
  yield ',"occurrences":[';
  for (let i = 0; i < occurrences.length; i++) yield (i === 0 ? '' : ',') + JSON.stringify(occurrenceJson(occurrences[i]!, inventory.resolutions));
  yield ']}\n';
}

/** The same document as one string. */
export function toJson(inventory: Inventory, findings?: Finding[]): string {
  return [...toJsonChunks(inventory, findings)].join('');
}

function jsonDocument(inventory: Inventory): Record<string, unknown> & { occurrences: Occurrence[] } {
  return {
    schemaVersion: JSON_SCHEMA_VERSION,
    tool: 'imagepin',
    source: inventory.source,
    resolved: inventory.resolutions !== undefined,
    summary: {
      files: inventory.files.length,
      occurrences: inventory.occurrences.filter((o) => !isArtifact(o)).length,
      artifacts: inventory.occurrences.filter(isArtifact).length,
      diagnostics: inventory.diagnostics.length,
      notFollowed: inventory.notFollowed?.length ?? 0,
      ...(inventory.resolutions && {
        uniqueReferences: inventory.resolutions.size,
        unresolved: [...inventory.resolutions.values()].filter((r) => r.status === 'unresolved').length,
      }),
    },
    ...(inventory.rateLimitRemaining && { rateLimitRemaining: inventory.rateLimitRemaining }),
    files: inventory.files,
    occurrences: inventory.occurrences,
    charts: inventory.charts.map(({ path, ...rest }) => ({ ...rest, path: formatPath(path) })),
    mirrors: inventory.mirrors.map(({ path, ...rest }) => ({ ...rest, path: formatPath(path) })),
    repositories: inventory.repositories,
    registryHosts: inventory.registryHosts ?? [],
    diagnostics: inventory.diagnostics,
    notFollowed: (inventory.notFollowed ?? []).map(({ path, ...rest }) => ({ ...rest, path: formatPath(path) })),
  };
}

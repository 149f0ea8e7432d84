import type { Inventory } from '../engine/scan.js';
import { isArtifact, type Occurrence } from '../model/occurrence.js';
import { formatPath } from '../model/position.js';
import { resolvable } from '../engine/resolve.js';
import type { Resolution } from '../resolver/types.js';
import type { Finding } from '../rules/types.js';
import type { StreamedAnalysis } from '../engine/streamed.js';
import type { SpillFile } from '../engine/spill.js';

/** Version of the JSON output; bumped only for changes that break readers (docs/json-output.md). */
export const JSON_SCHEMA_VERSION = 3;

/** One occurrence as the JSON output shows it. */
export function occurrenceJson(occ: Occurrence, resolutions?: Map<string, Resolution>): Record<string, unknown> {
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
  const all = inventory.occurrences;
  const occurrences = all.filter((o) => !isArtifact(o));
  const artifacts = all.filter(isArtifact).map((o) => occurrenceJson(o, inventory.resolutions));
  yield jsonHead(inventory, occurrences.length, artifacts);
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

/**
 * The document up to its artifacts, without the closing brace: what comes before the findings and
 * occurrences. `occurrences` counts the occurrences that are not artifacts.
 */
export function jsonHead(inventory: Omit<Inventory, 'occurrences'>, occurrences: number, artifacts: Record<string, unknown>[]): string {
  return JSON.stringify({ ...jsonDocument(inventory, occurrences, artifacts.length), artifacts }).slice(0, -1);
}

/** How many entries of a long list of the head (files, charts, ...) go in one chunk. */
const HEAD_BATCH = 1000;

/**
 * `jsonHead` as chunks (decision 58): at 50,000 files the head is about 9 MB, and one string of it
 * (with what `JSON.stringify` grows on the way) raised the streamed scan's peak. Each key is
 * written as `JSON.stringify` writes it, and a long list a batch of entries at a time, so the
 * joined chunks are the same text.
 */
export function* jsonHeadChunks(inventory: Omit<Inventory, 'occurrences'>, occurrences: number, artifacts: Record<string, unknown>[]): Generator<string> {
  let open = '{';
  for (const [key, value] of Object.entries({ ...jsonDocument(inventory, occurrences, artifacts.length), artifacts })) {
    // JSON.stringify leaves out a key whose value is undefined.
    if (value === undefined) continue;
    const name = `${open}${JSON.stringify(key)}:`;
    open = ',';
    if (!Array.isArray(value) || value.length <= HEAD_BATCH) {
      yield name + JSON.stringify(value);
      continue;
    }
    yield `${name}[`;
    for (let i = 0; i < value.length; i += HEAD_BATCH) {
      // An entry JSON.stringify cannot write (undefined) is null in a list, as it writes it.
      const batch = value.slice(i, i + HEAD_BATCH).map((entry: unknown) => JSON.stringify(entry) ?? 'null');
      yield (i === 0 ? '' : ',') + batch.join(',');
    }
    yield ']';
  }
}

function jsonDocument(inventory: Omit<Inventory, 'occurrences'>, occurrences: number, artifacts: number): Record<string, unknown> {
  return {
    schemaVersion: JSON_SCHEMA_VERSION,
    tool: 'imagepin',
    source: inventory.source,
    resolved: inventory.resolutions !== undefined,
    summary: {
      files: inventory.files.length,
      occurrences,
      artifacts,
      diagnostics: inventory.diagnostics.length,
      notFollowed: inventory.notFollowed?.length ?? 0,
      ...(inventory.resolutions && {
        uniqueReferences: inventory.resolutions.size,
        unresolved: [...inventory.resolutions.values()].filter((r) => r.status === 'unresolved').length,
      }),
    },
    ...(inventory.rateLimitRemaining && { rateLimitRemaining: inventory.rateLimitRemaining }),
    files: inventory.files,
    charts: inventory.charts.map(({ path, valuesFromSwitches: _s, valuesFromUnknown: _u, sync: _y, applicationSet: _a, ...rest }) => ({ ...rest, path: formatPath(path) })),
    mirrors: inventory.mirrors.map(({ path, ...rest }) => ({ ...rest, path: formatPath(path) })),
    repositories: inventory.repositories,
    registryHosts: inventory.registryHosts ?? [],
    diagnostics: inventory.diagnostics,
    notFollowed: (inventory.notFollowed ?? []).map(({ path, ...rest }) => ({ ...rest, path: formatPath(path) })),
  };
}

/**
 * The same document from an analysis whose findings and occurrences wait in a spill file
 * (decision 41): the head from what is held, then the spilled chunks copied out as they are read.
 */
export function* spilledJsonChunks(analysis: StreamedAnalysis, spill: SpillFile): Generator<string> {
  yield* jsonHeadChunks(analysis.head, analysis.occurrenceCount, analysis.artifacts);
  // Every chunk is `,{...}`: the first comma of each list is left out.
  yield ',"findings":[';
  yield* spill.copy(analysis.findings, 1);
  yield '],"occurrences":[';
  yield* spill.copy(analysis.occurrences, 1);
  yield ']}\n';
}

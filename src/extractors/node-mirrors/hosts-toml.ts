import { parse, TomlError } from 'smol-toml';
import { LineCounter } from 'yaml';
import type { Diagnostic, MirrorConfig, MirrorEndpoint } from '../../model/file-result.js';
import type { Span } from '../../model/position.js';

const HOSTS_TOML = /(?:^|\/)([^/]+)\/hosts\.toml$/;

export function isHostsToml(file: string): boolean {
  return HOSTS_TOML.test(file);
}

function spanOf(text: string, lines: LineCounter, needle: string): Span {
  const found = text.indexOf(needle);
  const start = Math.max(0, found);
  const end = found === -1 ? 0 : found + needle.length;
  return { start: { ...lines.linePos(start), offset: start }, end: { ...lines.linePos(end), offset: end } };
}

/**
 * containerd `certs.d/<host>/hosts.toml`: the `[host."url"]` endpoints tried in order, then `server`
 * (the upstream fallback; containerd uses the registry itself when it is absent). `_default` applies to all hosts.
 * smol-toml gives no positions, so spans are found by searching the text for the table headers.
 */
export function extractHostsToml(file: string, text: string): { mirrors: MirrorConfig[]; diagnostics: Diagnostic[] } {
  const host = HOSTS_TOML.exec(file)?.[1] ?? '_default';
  let data: Record<string, unknown>;
  try {
    data = parse(text) as Record<string, unknown>;
  } catch (err) {
    const line = err instanceof TomlError ? err.line : undefined;
    return { mirrors: [], diagnostics: [{ file, code: 'invalid-toml', message: `invalid TOML: ${(err as Error).message.split('\n')[0]}`, line }] };
  }
  const lines = new LineCounter();
  lines.addNewLine(0);
  let at = text.indexOf('\n');
  while (at !== -1) {
    lines.addNewLine(at + 1);
    at = text.indexOf('\n', at + 1);
  }
  const hosts = (data.host && typeof data.host === 'object' ? data.host : {}) as Record<string, Record<string, unknown>>;
  const endpoints: MirrorEndpoint[] = Object.entries(hosts).map(([url, settings]) => {
    const endpoint: MirrorEndpoint = { url, span: spanOf(text, lines, url) };
    if (typeof settings?.override_path === 'boolean') endpoint.overridePath = settings.override_path;
    return endpoint;
  });
  const config: MirrorConfig = { file, source: 'containerd', host, endpoints, path: [], span: spanOf(text, lines, text.trim().split('\n')[0] ?? '') };
  if (typeof data.server === 'string') config.server = data.server;
  return { mirrors: [config], diagnostics: [] };
}

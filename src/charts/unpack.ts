import { gunzipSync } from 'node:zlib';
import { extract } from 'tar-stream';

/** Limits that keep a hostile chart archive (gzip bomb, huge values, many files) cheap. */
export interface UnpackLimits {
  maxUnpackedBytes: number;
  maxFileBytes: number;
  maxEntries: number;
}

export const DEFAULT_UNPACK_LIMITS: UnpackLimits = { maxUnpackedBytes: 32 * 1024 * 1024, maxFileBytes: 2 * 1024 * 1024, maxEntries: 5_000 };

export interface ChartFiles {
  /** Path inside the chart (the top directory removed) → text. Only Chart.yaml, values.yaml and subcharts' are kept. */
  files: Map<string, string>;
  /** Entries refused, with the reason (path traversal, links, size). */
  refused: string[];
}

const WANTED = /(?:^|\/)(?:Chart\.yaml|values\.yaml)$|^charts\/[^/]+\.tgz$/;

/**
 * Reads a packaged chart (`.tgz`) in memory: gunzip with an output cap, then tar entries. Links,
 * absolute paths and `..` are refused (nothing is ever written to disk), files over the size cap are
 * refused, and only what imagepin reads is kept: Chart.yaml, values.yaml, and subcharts (nested
 * `.tgz` archives are unpacked one level deeper).
 */
export async function unpackChart(archive: Uint8Array, limits: UnpackLimits = DEFAULT_UNPACK_LIMITS, depth = 0): Promise<ChartFiles> {
  let tar: Buffer;
  try {
    tar = gunzipSync(archive, { maxOutputLength: limits.maxUnpackedBytes });
  } catch (err) {
    throw new Error(`chart archive is not a gzip file of at most ${limits.maxUnpackedBytes} bytes (${(err as Error).message})`, { cause: err });
  }
  const files = new Map<string, string>();
  const archives = new Map<string, Buffer>();
  const refused: string[] = [];
  const reader = extract();
  const done = (async () => {
    let entries = 0;
    for await (const entry of reader) {
      const { name, type, size = 0 } = entry.header;
      const chunks: Buffer[] = [];
      if (++entries > limits.maxEntries) throw new Error(`chart archive has more than ${limits.maxEntries} entries`);
      const path = name.replace(/^\.\//, '').split('/').slice(1).join('/');
      const unsafe = name.startsWith('/') || name.split('/').includes('..');
      const wanted = type === 'file' && WANTED.test(path);
      if (unsafe) refused.push(`${name}: path outside the chart`);
      else if (type === 'symlink' || type === 'link') refused.push(`${name}: links are not followed`);
      else if (wanted && size > limits.maxFileBytes) refused.push(`${name}: ${size} bytes, over the ${limits.maxFileBytes}-byte limit`);
      for await (const chunk of entry) if (wanted && !unsafe && size <= limits.maxFileBytes) chunks.push(chunk as Buffer);
      if (!chunks.length && !(wanted && !unsafe && size === 0)) continue;
      if (path.endsWith('.tgz')) archives.set(path, Buffer.concat(chunks));
      else files.set(path, Buffer.concat(chunks).toString('utf8'));
    }
  })();
  reader.end(tar);
  await done;
  for (const [path, bytes] of depth > 0 ? [] : archives) {
    const sub = await unpackChart(bytes, limits, depth + 1).catch((err: Error) => ({ files: new Map<string, string>(), refused: [`${path}: ${err.message}`] }));
    const name = path.slice('charts/'.length, -'.tgz'.length).replace(/-\d+\.\d+\.\d+.*$/, '');
    for (const [inner, content] of sub.files) files.set(`charts/${name}/${inner}`, content);
    refused.push(...sub.refused);
  }
  return { files, refused };
}

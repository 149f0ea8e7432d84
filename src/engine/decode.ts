import type { Diagnostic } from '../model/file-result.js';

export const DEFAULT_MAX_FILE_BYTES = 2 * 1024 * 1024;

function size(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MiB` : `${Math.ceil(bytes / 1024)} KiB`;
}

export function tooLarge(file: string, bytes: number, max: number): Diagnostic {
  return { file, code: 'too-large', message: `file is ${size(bytes)}, over the ${size(max)} limit; skipped (raise maxFileBytes if it really holds manifests)` };
}

export function binaryFile(file: string): Diagnostic {
  return { file, code: 'binary', message: 'binary file (contains NUL bytes); skipped' };
}

/** Decodes a file as UTF-8 text, or says why it is not text: too large, binary (NUL bytes), or not UTF-8. */
export function decodeText(file: string, bytes: Uint8Array, maxBytes = DEFAULT_MAX_FILE_BYTES): { text: string } | { diagnostic: Diagnostic } {
  if (bytes.byteLength > maxBytes) return { diagnostic: tooLarge(file, bytes.byteLength, maxBytes) };
  if (bytes.includes(0)) return { diagnostic: binaryFile(file) };
  try {
    // A byte order mark is kept, so offsets are offsets into the file as every reader of it sees it
    // (readFileSync, GitHub's contents API, editors' buffers), and pins edit the right characters.
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
    return { text };
  } catch {
    return { diagnostic: { file, code: 'not-utf8', message: 'not valid UTF-8; skipped (save the file as UTF-8)' } };
  }
}

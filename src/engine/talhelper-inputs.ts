import type { Diagnostic, FileResult } from '../model/file-result.js';
import type { SourceFile } from '../sources/types.js';
import { namedPatchFiles, readPatchFile, type TalosPatchFiles } from '../extractors/talos/patch-files.js';
import { TALCONFIG } from '../extractors/talos/talhelper.js';
import { isOmniTemplateName } from '../extractors/talos/omni-files.js';
import { readOmniConfigPatches, type OmniConfigPatch } from '../extractors/talos/omni-config-patches.js';
import { readTopfPatch, TOPF_FILE, topfPatchPaths } from '../extractors/talos/topf-files.js';

type Read = (f: SourceFile) => Promise<{ file: string; text: string } | { file: string; diagnostic: Diagnostic }>;

/**
 * talhelper's `@file` patches and Omni templates' `file:` patches, read before the talconfig.yaml
 * or template that names them so it knows what they set (kube-proxy disabled, an image replaced),
 * and the Omni ConfigPatches resources in the files read as possible templates. Each patch file's
 * result goes into `cache` (like Chart.yaml's), so it is read once; a named file the tree does not
 * hold maps to `null`. A talconfig.yaml or possible template is read again with the other files.
 * A topf.yaml's patch folders (`all/`, `control-plane/`, `worker/`, `node/<host>/`) are read the
 * same way, every patch file the listing holds there, and the folder itself is set (its path with
 * a trailing `/`, to no documents) so the topf reader knows the folders were listed; a file of
 * them that the tree's listing (`tree`) holds but the source did not fetch maps to `null`. Without
 * the listing the folders are not read at all (the topf reader says so).
 */
export async function readTalhelperPatches(candidates: readonly SourceFile[], read: Read, extract: (file: string, text: string) => FileResult, cache: Map<string, FileResult | Diagnostic>, tree?: readonly string[]): Promise<{ patchFiles: TalosPatchFiles; omniConfigPatches: OmniConfigPatch[] }> {
  const patches = new Map<string, readonly unknown[] | null>();
  const omniConfigPatches: OmniConfigPatch[] = [];
  const byPath = new Map(candidates.map((f) => [f.path, f]));
  for (const f of candidates) {
    const topf = TOPF_FILE.test(f.path);
    if (!(TALCONFIG.test(f.path) || isOmniTemplateName(f.path) || topf) || f.unreadable !== undefined) continue;
    const talconfig = await read(f);
    if (!('text' in talconfig)) continue;
    if (isOmniTemplateName(f.path)) omniConfigPatches.push(...readOmniConfigPatches(talconfig.text));
    // Only with the whole listing: a patch file it holds that the source did not fetch (a pull request's) is then not read, and said so.
    const folders = topf && tree ? topfPatchPaths(talconfig.file, talconfig.text, tree) : undefined;
    if (folders) patches.set(folders.base, []);
    for (const path of folders?.files ?? namedPatchFiles(talconfig.file, talconfig.text)) {
      const file = byPath.get(path);
      if (patches.has(path)) continue;
      if (!file || file.unreadable !== undefined) {
        patches.set(path, null);
        continue;
      }
      const entry = await read(file);
      if ('diagnostic' in entry) {
        cache.set(path, entry.diagnostic);
        patches.set(path, null);
      } else {
        cache.set(path, extract(entry.file, entry.text));
        patches.set(path, folders ? readTopfPatch(path, entry.text) : readPatchFile(entry.text));
      }
    }
  }
  return { patchFiles: patches, omniConfigPatches };
}

import { parseAllDocuments } from 'yaml';
import { plainAt, readPatchFile } from './patch-files.js';

/** An Omni `ConfigPatches` resource, as its labels place it: on a cluster, one of its machine sets, or one machine. */
export interface OmniConfigPatch {
  cluster: string;
  machineSet?: string;
  machine?: string;
  /** The documents of its `spec.data`, as plain data. */
  docs: readonly unknown[];
}

const TYPE = 'ConfigPatches.omni.sidero.dev';
const label = (data: unknown, key: string): string | undefined => {
  const value = plainAt(data, ['metadata', 'labels', `omni.sidero.dev/${key}`]);
  return typeof value === 'string' && value !== '' ? value : undefined;
};

/** The ConfigPatches resources of a text (`omnictl get configpatches -o yaml`, or written by hand). Never throws: unreadable text has none. */
export function readOmniConfigPatches(text: string): OmniConfigPatch[] {
  if (!text.includes(TYPE)) return [];
  const out: OmniConfigPatch[] = [];
  try {
    for (const doc of parseAllDocuments(text)) {
      if (doc.errors.length > 0) continue;
      const data: unknown = doc.toJS({ maxAliasCount: 100 });
      const type = plainAt(data, ['metadata', 'type']);
      const cluster = label(data, 'cluster');
      const spec = plainAt(data, ['spec', 'data']);
      if (typeof type !== 'string' || !type.startsWith(TYPE) || !cluster || typeof spec !== 'string') continue;
      const patch: OmniConfigPatch = { cluster, docs: readPatchFile(spec) };
      const machineSet = label(data, 'machine-set');
      const machine = label(data, 'cluster-machine');
      if (machineSet) patch.machineSet = machineSet;
      if (machine) patch.machine = machine;
      out.push(patch);
    }
  } catch {
    // Not readable as plain data: no patch.
  }
  return out;
}

/**
 * The ConfigPatches documents that reach every machine of one group of a cluster: the cluster-wide
 * ones (no machine set, no machine label), or those of one machine set, whose ID Omni makes from the
 * template (`<cluster>-control-planes`, `<cluster>-<Workers name, default workers>`).
 */
export function configPatchesOf(all: readonly OmniConfigPatch[] | undefined, cluster: string, machineSet?: string): unknown[] {
  return (all ?? []).filter((p) => p.cluster === cluster && p.machine === undefined && p.machineSet === machineSet).flatMap((p) => p.docs);
}

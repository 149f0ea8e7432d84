import type { Config } from '../config/schema.js';
import type { Diagnostic } from '../model/file-result.js';
import { isArtifact, type Occurrence } from '../model/occurrence.js';
import { occurrenceJson } from '../reporters/json.js';
import { checkedBy } from '../rules/effective-runs.js';
import { collectRetags, type RetagPolicy } from '../rules/retag-policies.js';
import { RuleRunner } from '../rules/runner.js';
import type { Finding, Severity } from '../rules/types.js';
import { compareText } from '../text-order.js';
import { ChunkList } from './chunk-list.js';
import { contain } from './contain.js';
import { prepareEffective, type EffectivePass } from './effective/index.js';
import type { HeldFiles } from './effective/patch-files.js';
import type { Inventory } from './scan.js';
import { FindingSpill } from './finding-spill.js';
import { notFollowedOf } from './inventory.js';
import { readOccurrences, type SpilledTree } from './spilled.js';
import type { Chunk } from './spill.js';

const EFFECTIVE_UNIT = { file: '.', what: 'effective references (kustomize overlays, Flux substitutions, Argo CD value files, ApplicationSet generators)' };

/** An offline analysis whose findings and occurrences are JSON chunks in the spill file, in report order. */
export interface StreamedAnalysis {
  /** The inventory without its occurrences (they are `occurrences` below). */
  head: Omit<Inventory, 'occurrences'>;
  occurrenceCount: number;
  /** The artifacts' JSON objects (few: Flux OCIRepositories), which the report shows before the findings. */
  artifacts: Record<string, unknown>[];
  /** Each non-artifact occurrence as `,{...}`, in file order. */
  occurrences: ChunkList;
  /** Each finding as `,{...}`, in the order `runRules` sorts them. */
  findings: ChunkList;
  findingCount: number;
  /** The severities found. */
  severities: Set<Severity>;
}

/**
 * The rest of the offline pipeline over a spilled scan, one file at a time (decision 41): the
 * effective pass is prepared from every file's layers, then each file's occurrences are read back,
 * completed, checked by the rules and written out again as report chunks. Only one file's
 * occurrences and findings are in memory at a time. The result is what `analyze` and `runRules`
 * give for the same tree offline without `--base`: the same order, the same diagnostics.
 */
export function analyzeSpilled(spilled: SpilledTree, config: Config): StreamedAnalysis {
  const { spill, files } = spilled;
  const results = files.kept();
  const index = new Map(files.names.map((name, i) => [name, i]));
  const chunkOf = (file: string): Chunk | undefined => {
    const i = index.get(file);
    return i === undefined ? undefined : files.chunk(i);
  };
  const failed = [...spilled.failed];
  const held: HeldFiles = {
    files: files.names,
    occurrencesOf: (file) => readOccurrences(spill, chunkOf(file)),
    diagnosticsOf: (file) => (index.has(file) ? files.keep(index.get(file)!).diagnostics : undefined),
  };
  let pass: EffectivePass | undefined = contain(EFFECTIVE_UNIT, failed, undefined, () => prepareEffective(files.layers, files.charts, held, spilled.tree));
  // Kept apart from `pass`, which a failure mid-way drops: the files it already emptied keep their notice.
  const unlisted = pass?.unlisted ?? [];
  // The references each deciding file holds, read back when a rule first asks (kustomizations: few).
  const references = new Map<string, Set<string>>();
  const holds = (file: string, canonical: string): boolean => {
    if (spilled.strays.has(`${file}|${canonical}`)) return true;
    let own = references.get(file);
    if (!own) {
      own = new Set(readOccurrences(spill, chunkOf(file)).filter((o) => o.file === file).map((o) => o.reference?.canonical ?? ''));
      references.set(file, own);
    }
    return own.has(canonical);
  };
  // The containers an overlay's `images:` retag (their pull policies), read back when pull-policy-skew first asks about its file.
  const retagsOf = new Map<string, Map<string, RetagPolicy[]>>();
  const retags = (file: string, canonical: string): readonly RetagPolicy[] | undefined => {
    let own = retagsOf.get(file);
    if (!own) {
      const built = pass?.builtBy(file) ?? [];
      // Most files build nothing: nothing to read back, nothing kept.
      if (built.length === 0) return undefined;
      own = new Map();
      for (const target of built) {
        const occs = readOccurrences(spill, chunkOf(target));
        // A pass that fails on this file is reported (once) by the main loop; here the file adds nothing.
        if (contain(EFFECTIVE_UNIT, [], undefined, () => (pass?.apply({ file: target, occurrences: occs }), true))) collectRetags(occs, own);
      }
      retagsOf.set(file, own);
    }
    return own.get(`${file}|${canonical}`);
  };
  const mirrors = results.flatMap((r) => r.mirrors);
  const registryHosts = results.flatMap((r) => r.registryHosts ?? []);
  const runner = new RuleRunner({ mirrors, registryHosts }, { config, checked: checkedBy(holds), retags, written: true });
  // Rule diagnostics by what they were found on, as runRules adds them: occurrences, then charts, then mirrors.
  const ruleDiagnostics: [Diagnostic[], Diagnostic[], Diagnostic[]] = [[], [], []];
  const findings = new FindingSpill(spill);
  const artifacts: Record<string, unknown>[] = [];
  const occurrences = new ChunkList();
  let occurrenceCount = 0;
  for (let i = 0; i < files.length; i++) {
    const result = files.result(i);
    const occs: Occurrence[] = readOccurrences(spill, files.chunk(i));
    const input = { file: result.file, occurrences: occs, formats: files.formatsOf(i), ...(result.disabledImages && { disabledImages: result.disabledImages, notFollowed: result.notFollowed ?? [] }) };
    if (pass && contain(EFFECTIVE_UNIT, failed, undefined, () => (pass!.apply(input), true)) === undefined) pass = undefined;
    let text = '';
    for (const occ of occs) {
      if (isArtifact(occ)) artifacts.push(occurrenceJson(occ));
      else {
        text += `,${JSON.stringify(occurrenceJson(occ))}`;
        occurrenceCount++;
      }
    }
    if (text) occurrences.push(spill.append(text));
    const found: [Finding[], Finding[], Finding[]] = [[], [], []];
    for (const occ of occs) runner.occurrence(occ, found[0], ruleDiagnostics[0]);
    for (const chart of files.chartsOf(i)) runner.chart(chart, found[1], ruleDiagnostics[1]);
    for (const mirror of result.mirrors) runner.mirror(mirror, found[2], ruleDiagnostics[2]);
    found.forEach((list, phase) => findings.add(list, phase));
  }
  const diagnostics = [...failed, ...files.kept().flatMap((r) => r.diagnostics)].sort((a, b) => compareText(a.file, b.file));
  diagnostics.push(...ruleDiagnostics.flat());
  const ordered = findings.ordered();
  return {
    head: {
      source: spilled.source,
      files: files.names.flatMap((file, i) => (files.formatsOf(i).length > 0 ? [{ file, formats: files.formatsOf(i) }] : [])),
      charts: files.charts,
      mirrors,
      repositories: results.flatMap((r) => r.repositories),
      registryHosts,
      diagnostics,
      notFollowed: [...notFollowedOf(results, spilled.tree?.repository), ...unlisted],
    },
    occurrenceCount,
    artifacts,
    occurrences,
    findings: ordered.chunks,
    findingCount: ordered.count,
    severities: findings.severities,
  };
}

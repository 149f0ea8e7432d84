import { EXTRACTORS } from './api.js';
import { CHART_PREFILTER } from './chart-metadata.js';
import { LAYERS_PREFILTER } from './layers/index.js';
import type { YamlExtractor } from './types.js';

/**
 * A text test, before any YAML is parsed, of whether an extractor could match a file at all
 * (decision 27). Each extractor declares what it needs in its `prefilter` field: words of which at
 * least one must appear in the text for `matches` to be true (`kind` for anything that looks at
 * a document's kind), file names that match without any word, or `always`. A file that passes for
 * no extractor cannot yield anything, so its documents are not offered to the extractors; it is
 * still parsed, because an invalid, too deep or duplicated-key file is a diagnostic either way.
 */
export type Prefilter = 'always' | { words: readonly string[]; files?: readonly RegExp[] };

/**
 * A backslash may be a double-quoted escape (`"\x6bind"` is `kind`): such text can say any word
 * without writing it, so it always passes. Folded and quoted scalars cannot join two lines into
 * one word (they join with a space), and aliases repeat text that is in the file already.
 */
const ESCAPE = '\\';

/** True when the declaration lets `file` with this text through. */
export function passes(prefilter: Prefilter, file: string, text: string): boolean {
  if (prefilter === 'always' || text.includes(ESCAPE)) return true;
  return prefilter.words.some((word) => text.includes(word)) || (prefilter.files ?? []).some((re) => re.test(file));
}

/**
 * The extractors a parsed YAML file is offered to, or undefined when nothing at all (no extractor,
 * no layer, no Chart.yaml) could read it: the union of every declaration.
 */
export function offeredTo(file: string, text: string): readonly YamlExtractor[] | undefined {
  // `passes` for each declaration, with the text searched once for the escape and once per word
  // (several extractors ask for `kind`, `machine` or `cluster`).
  const escaped = text.includes(ESCAPE);
  const found = new Map<string, boolean>();
  const has = (word: string): boolean => {
    let known = found.get(word);
    if (known === undefined) found.set(word, (known = text.includes(word)));
    return known;
  };
  const pass = (prefilter: Prefilter): boolean => prefilter === 'always' || escaped || prefilter.words.some(has) || (prefilter.files ?? []).some((re) => re.test(file));
  const offered = EXTRACTORS.filter((e) => pass(e.prefilter));
  if (offered.length > 0 || pass(LAYERS_PREFILTER) || pass(CHART_PREFILTER)) return offered;
  return undefined;
}

import type { Occurrence } from '../../model/occurrence.js';
import { spanOf } from '../describe.js';
import type { Draft, Rule } from '../types.js';

/** `.Values.image.tag` and `$.Values.image.tag`: the keys a chart template line reads by name (`index .Values "x"` is not named). */
const VALUES_KEY = /\.Values((?:\.[A-Za-z_][A-Za-z0-9_]*)+)/g;
/** The template blocks of a line, to quote when it names no values key. */
const BLOCK = /\{\{.*?\}\}/gs;

const list = (items: string[]): string => (items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`);
const quoted = (text: string): string => `\`${text.replace(/`/g, "'")}\``;

/** The values keys a templated line reads, each once, in the order written. */
export function valuesKeys(raw: string): string[] {
  return [...new Set([...raw.matchAll(VALUES_KEY)].map((m) => m[1]!.slice(1)))];
}

/**
 * A templated line of a Helm chart's own template: Helm fills it in from the values the chart is
 * rendered with, so the wording says that and names the keys, rather than asking to write it literally.
 */
function chartTemplateDraft(occ: Occurrence, chart: string): Draft {
  const where = chart === '.' ? 'the Helm chart at the root of the tree' : `Helm chart ${quoted(chart)}`;
  const ignore = quoted(`${chart === '.' ? '' : `${chart}/`}templates/**`);
  const keys = valuesKeys(occ.raw);
  const named = [...keys.slice(0, 4).map(quoted), ...(keys.length > 4 ? [`${keys.length - 4} more`] : [])];
  const appVersion = /\.Chart\.AppVersion\b/.test(occ.raw);
  const values = keys.length > 0 || /\.Values\b/.test(occ.raw);
  const blocks = [...occ.raw.matchAll(BLOCK)].map((m) => m[0]);
  const reads = keys.length ? `; the line reads the values ${appVersion ? `${named.join(', ')} and the chart's \`appVersion\`` : list(named)}`
    : values ? `; the line reads the chart's values${appVersion ? ' and its `appVersion`' : ''}`
    : blocks.join('') === occ.raw ? '' : ` (${list(blocks.slice(0, 2).map(quoted))})`;
  const decided = values ? ` Which image runs is decided where those are set: the chart's values.yaml${appVersion ? ', its Chart.yaml' : ''} and the values each release of the chart passes.` : '';
  return {
    message: `${quoted(occ.raw)} is in a template of ${where}: Helm fills it in when it renders the chart${reads}. imagepin does not render charts, so it cannot check which image this line becomes.${decided}`,
    fix: keys.length
      ? `Pin the image in the values that set ${list(named)} (the chart's values.yaml, and each release's values), or add ${ignore} to ignore.paths if they are checked there.`
      : `Pin the image where the template gets it (the chart's values or helpers), or add ${ignore} to ignore.paths if it is checked there.`,
    span: spanOf(occ, ['image', 'tag', 'repository']),
  };
}

/** Only `{{ }}` blocks, which Helm fills: a `${VAR}` or placeholder left around them is filled by something else. */
const onlyHelmBlocks = (raw: string): boolean => raw.includes('{{') && !/\$\{|\$\(|\$[A-Za-z_]|\{%|[<>]/.test(raw.replace(BLOCK, ''));

/** A reference filled in at deploy time: reported, never guessed. */
export const unresolvableTemplate: Rule = {
  id: 'unresolvable-template',
  severity: 'info',
  summary: 'The reference contains {{ }}, ${VAR} or the like, so it is reported and not guessed',
  occurrence({ occ }) {
    if (occ.skipReason !== 'templated') return undefined;
    if (occ.helmChart !== undefined && onlyHelmBlocks(occ.raw)) return chartTemplateDraft(occ, occ.helmChart);
    return {
      message: `\`${occ.raw}\` is templated (${occ.skipDetail}), so imagepin cannot check which image it becomes.`,
      fix: 'Write the image literally where you can, or add the file to ignore.paths if it is checked elsewhere.',
      span: spanOf(occ, ['image', 'tag', 'repository']),
    };
  },
};

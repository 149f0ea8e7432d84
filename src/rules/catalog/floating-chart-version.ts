import type { SemVer } from 'semver';
import minVersion from 'semver/ranges/min-version.js';
import valid from 'semver/functions/valid.js';
import validRange from 'semver/ranges/valid.js';
import type { ChartRef } from '../../model/file-result.js';
import type { Draft, Rule } from '../types.js';

const SHA = /^[0-9a-f]{7,40}$/;
const TAG_LIKE = /^v?\d+(\.\d+)*([-+.].*)?$/;

/** The lowest version a range allows; semver throws for some strings validRange refuses (`x:1`), which means none. */
function lowest(range: string): SemVer | undefined {
  try {
    return minVersion(range) ?? undefined;
  } catch {
    return undefined;
  }
}

/**
 * A Flux chart from a GitRepository or Bucket: Flux ignores `version` there (HelmChart API), and
 * the chart is what the source holds at its revision. Whether that revision is pinned is the
 * source's `spec.ref`, which this rule does not read, so the note says so instead of a verdict.
 */
function sourceChart(chart: ChartRef): Omit<Draft, 'span'> | undefined {
  const match = /^(GitRepository|Bucket)\/([^/]*)\/(.+)$/.exec(chart.sourceRef ?? '');
  if (chart.format !== 'flux' || !match) return undefined;
  const [, kind, namespace, name] = match;
  const git = kind === 'GitRepository';
  const owner = `${chart.owner.kind}${chart.owner.name ? ` ${chart.owner.name}` : ''}`;
  const v = chart.version?.trim();
  const ignored = v ? `its \`version: ${v}\` is ignored (Flux ignores \`version\` for charts from a ${kind})` : `Flux takes no \`version\` for charts from a ${kind}`;
  const at = git ? 'at the revision the GitRepository tracks' : 'as the bucket holds it';
  const when = chart.reconcileStrategy === 'Revision'
    ? `every new ${git ? 'revision' : 'content'} of the source is packaged and installed (reconcileStrategy Revision)`
    : 'a new chart is packaged when the version in its Chart.yaml changes (reconcileStrategy ChartVersion, the default)';
  const unknown = git ? 'imagepin does not read the GitRepository\'s `spec.ref` here, so whether that revision is pinned is not known' : 'imagepin cannot tell what the bucket holds';
  return {
    message: `${owner} takes its chart from \`${chart.chart ?? '.'}\` of ${kind} ${namespace}/${name}; ${ignored}: what installs is that path ${at}, and ${when}; ${unknown}.`,
    fix: git ? 'Pin the GitRepository to a tag or commit (`spec.ref.tag`, `spec.ref.commit`), or make sure only reviewed merges reach the branch it tracks.' : 'Make sure only reviewed changes reach the bucket, or publish the chart to a Helm or OCI repository and pin its version.',
    severity: 'info',
  };
}

/** A chart version that is a range, a wildcard, or missing: what installs changes without a commit. */
function helmVersion(chart: ChartRef): Omit<Draft, 'span'> | undefined {
  const v = chart.version?.trim();
  const what = `${chart.chart ?? chart.repoURL ?? 'chart'} (${chart.owner.kind}${chart.owner.name ? ` ${chart.owner.name}` : ''})`;
  if (!v) {
    if (chart.format === 'flux' && chart.sourceRef?.startsWith('OCIRepository/')) return undefined; // the OCIRepository carries it
    return { message: `${what} has no version: every reconcile installs the newest chart release.`, fix: 'Pin an exact chart version.' };
  }
  if (valid(v) || (!validRange(v) && !/[*xX]/.test(v))) return undefined;
  if (!validRange(v) && !lowest(v)) {
    return { message: `${what} asks for the version \`${v}\`, which is neither a version nor a range Helm can read: what installs cannot be known from the repository.`, fix: 'Pin an exact chart version.' };
  }
  return {
    message: `${what} asks for the version range \`${v}\`: a new chart release (or a broken one) rolls out without review.`,
    fix: `Pin an exact version${lowest(v) ? `, e.g. the one you tested` : ''}, and let a dependency bot propose upgrades.`,
  };
}

/** When what is pushed to the branch deploys, by the Application's sync policy as the tree writes it (round 11: not "deploys" when nothing syncs by itself). */
const WHEN: Record<NonNullable<ChartRef['sync']> | 'unknown', string> = {
  automated: 'whatever is pushed there deploys at the next automated sync (`syncPolicy.automated`)',
  disabled: 'whatever is pushed there deploys at the next sync; automated sync is off here (`syncPolicy.automated.enabled: false`), so that is a manual one',
  manual: 'whatever is pushed there deploys at the next sync; the Application sets no automated sync, so that is when someone (or automated sync switched on outside this repository) syncs it',
  unknown: 'whatever is pushed there deploys at the next sync (imagepin cannot tell from the tree whether sync is automated)',
};

/** Names that are branches in practice; any other name Argo CD takes as a branch or a tag, and imagepin does not know which. */
const BRANCHES = new Set(['main', 'master', 'develop', 'trunk']);

/** What a targetRevision follows, saying no more than is known (round 13: a templated or placeholder revision is not called a branch); `maybe` when it may not be a branch. */
function follows(v: string): { text: string; maybe?: boolean } {
  if (v === '' || v === 'HEAD') return { text: 'HEAD' };
  if (BRANCHES.has(v)) return { text: `the branch \`${v}\`` };
  if (/\{\{|\$\{/.test(v)) return { text: `the templated revision \`${v}\`, which imagepin does not fill in here: whether it names a branch, a tag or a commit is not known`, maybe: true };
  return { text: `\`${v}\`, a branch or tag name (not a commit or a version tag; imagepin cannot tell which)`, maybe: true };
}

/** An Argo CD git source that follows a branch or HEAD; an ApplicationSet is named by its own `metadata.name`, not its template's. */
function gitRevision(chart: ChartRef): Omit<Draft, 'span'> | undefined {
  const v = chart.version?.trim() ?? '';
  if (v !== '' && v !== 'HEAD' && (SHA.test(v) || TAG_LIKE.test(v))) return undefined;
  const repo = chart.repoURL ?? 'git';
  const set = chart.applicationSet;
  const what = set !== undefined
    ? `The Applications ApplicationSet ${set || '(unnamed)'} generates${chart.owner.name ? ` (named \`${chart.owner.name}\`)` : ''} from ${repo}`
    : `${chart.owner.kind}${chart.owner.name ? ` ${chart.owner.name}` : ''} (${repo})`;
  const revision = follows(v);
  let when = WHEN[chart.sync ?? 'unknown'];
  if (set !== undefined) when = when.replace('the Application sets', 'their template sets');
  return {
    message: `${what} ${set !== undefined ? 'follow' : 'follows'} ${revision.text}${revision.maybe ? '; if it is a branch, ' : ': '}${when}.`,
    fix: 'Point targetRevision at a tag or commit, or make sure only reviewed merges reach that branch.',
  };
}

/** A chart, OCI artifact or git source whose version floats (incident 2's floating subchart range). */
export const floatingChartVersion: Rule = {
  id: 'floating-chart-version',
  severity: 'warning',
  summary: 'A HelmRelease version range or *, a missing version, a chart from a Flux GitRepository or Bucket (version ignored), or an Argo CD targetRevision of HEAD or a branch',
  chart(chart) {
    const draft = chart.type === 'git' ? gitRevision(chart) : sourceChart(chart) ?? helmVersion(chart);
    return draft && { ...draft, span: chart.versionNode?.span ?? chart.span };
  },
};

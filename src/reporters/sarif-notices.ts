import type { Invocation, Notification, ReportingDescriptor } from 'sarif';
import type { NotFollowed, NotFollowedCode } from '../model/not-followed.js';

const DESCRIPTORS: Record<NotFollowedCode, string> = {
  'remote-not-followed': 'A remote kustomize base, resource or component that imagepin does not fetch: the images it deploys are not checked.',
  'other-repository': 'An Argo CD git source on another repository than the one analysed: the images it deploys are not checked.',
  'disabled-in-values': 'A Helm values image under a block whose `enabled` is false: by the usual chart convention it is not deployed, so it is not checked.',
  'not-in-kustomization': 'A manifest in a folder whose kustomization does not list it, and that no kustomization of the tree names: its images are not checked.',
  'deleted-by-patch': 'An object that every kustomization of the tree that builds it deletes with a `$patch: delete` patch: it is not deployed, so its images are not checked.',
};

/**
 * What imagepin did not read, as SARIF means it (decision 50): not results (a result is a
 * condition of what was analysed, and code scanning would open an alert for it) but
 * `toolExecutionNotifications` of level `note` on one invocation, each at its entry's exact place,
 * with the driver's `notifications` describing the codes used. Level `note`, not `error`: the run
 * succeeded, and nothing in the tree is wrong; the message says which images are not checked.
 * Empty when there is nothing to say, so a log without notices is unchanged.
 */
export function sarifNotices(notices: readonly NotFollowed[]): { descriptors?: ReportingDescriptor[]; invocations?: Invocation[] } {
  if (notices.length === 0) return {};
  const codes = [...new Set(notices.map((n) => n.code))].sort();
  const descriptors = codes.map((id) => ({ id, shortDescription: { text: DESCRIPTORS[id] }, defaultConfiguration: { level: 'note' as const } }));
  const notifications = notices.map((n): Notification => ({
    level: 'note',
    message: { text: n.message },
    descriptor: { id: n.code, index: codes.indexOf(n.code) },
    locations: [{
      physicalLocation: {
        artifactLocation: { uri: n.file, uriBaseId: '%SRCROOT%' },
        region: { startLine: n.span.start.line, startColumn: n.span.start.col, endLine: n.span.end.line, endColumn: n.span.end.col },
      },
    }],
  }));
  return { descriptors, invocations: [{ executionSuccessful: true, toolExecutionNotifications: notifications }] };
}

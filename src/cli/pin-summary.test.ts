import { extractFile } from '../extractors/index.js';
import type { Fix } from '../fixers/types.js';
import { pinReport } from './pin-summary.js';

const text = 'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - {name: a, image: "nginx:latest"}\n    - {name: b, image: "redis:7"}\n    - {name: c, image: "ghcr.io/acme/app:${TAG}"}\n    - {name: d, image: "busybox:1"}\n';
const [nginx, redis, templated, busybox] = extractFile('pod.yaml', text).occurrences;
const fix = (occ: typeof nginx): Fix => ({ kind: 'pin', occurrence: occ!, edits: [], intended: 'x', from: occ!.raw, to: `${occ!.raw}@sha256:…`, why: 'pinned' });

test("pin's summary counts every reference it left unchanged: dropped, skipped and unpinnable ones, each once", () => {
  const out = pinReport({
    occurrences: [nginx!, redis!, templated!, busybox!],
    changes: [{ path: 'pod.yaml', before: '', after: '', fixes: [fix(nginx)] }],
    dropped: [{ fix: fix(redis), reason: 'after the edit it read as redis:7, not x' }],
    // busybox could not be resolved; redis also has a skipped mirror move: counted once.
    skipped: [{ occurrence: busybox!, reason: 'not pinned: registry timed out' }, { occurrence: redis!, reason: 'not moved: no mirror' }],
    dryRun: false,
  });
  const lines = out.trimEnd().split('\n');
  expect(lines.pop()).toBe('imagepin pin: changed 1 reference in 1 file; 3 left as they are');
  expect(lines).toEqual([
    '  pod.yaml:5  nginx:latest → nginx:latest@sha256:…  (pinned)',
    '  pod.yaml:6  not changed: after the edit it read as redis:7, not x',
    '  pod.yaml:8  busybox:1: not pinned: registry timed out',
    '  pod.yaml:6  redis:7: not moved: no mirror',
    '  pod.yaml:7  ghcr.io/acme/app:${TAG}: not pinned: templated (substitution variable ${TAG} is filled in at deploy time)',
  ]);
});

test('a reference pinned but not moved is changed, not left', () => {
  const out = pinReport({ occurrences: [nginx!], changes: [{ path: 'pod.yaml', before: '', after: '', fixes: [fix(nginx)] }], dropped: [], skipped: [{ occurrence: nginx!, reason: 'not moved: no mirror' }], dryRun: true });
  expect(out.trimEnd().split('\n').pop()).toBe('imagepin pin: would change 1 reference in 1 file; 0 left as they are');
});

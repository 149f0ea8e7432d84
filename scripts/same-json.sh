#!/usr/bin/env bash
# Performance changes must not change what `imagepin scan --format json` prints (issue 17).
# Usage: scripts/same-json.sh [BEFORE_REF] [COPIES...]
#   Builds BEFORE_REF (default HEAD~1) in a temporary worktree and the working tree as it is,
#   scans examples/gitops, the home-ops-like tree (bench/generate-home-ops.ts), the Argo CD-like
#   tree (bench/generate-argo.ts) and the synthetic
#   bench trees (bench/generate-repo.ts, COPIES times the 5,000-file mix; default "1 4": 5k and
#   20k files) offline with both, and compares the
#   outputs byte for byte. Exit 0 when every output is identical, 1 otherwise.
set -euo pipefail
before=${1:-HEAD~1}
shift || true
if [ $# -gt 0 ]; then copies=("$@"); else copies=(1 4); fi
repo=$(git rev-parse --show-toplevel)
work=$(mktemp -d -t imagepin-same-json.XXXXXX)
cleanup() {
  git -C "$repo" worktree remove --force "$work/before" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

git -C "$repo" worktree add -q --detach "$work/before" "$before" >/dev/null
ln -s "$repo/node_modules" "$work/before/node_modules"
(cd "$work/before" && npx tsc -p tsconfig.bench.json)
(cd "$repo" && npx tsc -p tsconfig.bench.json)

node --input-type=module -e "
  import { generateRepo } from '$repo/bench/out/bench/generate-repo.js';
  import { generateHomeOps } from '$repo/bench/out/bench/generate-home-ops.js';
  import { generateArgo } from '$repo/bench/out/bench/generate-argo.js';
  generateHomeOps('$work/home-ops');
  generateArgo('$work/argo');
  for (const n of process.argv.slice(1)) generateRepo('$work/tree-' + n, Number(n));
" "${copies[@]}"

status=0
trees=("$repo/examples/gitops" "$work/home-ops" "$work/argo")
for n in "${copies[@]}"; do trees+=("$work/tree-$n"); done
for tree in "${trees[@]}"; do
  for side in before after; do
    root=$([ "$side" = before ] && echo "$work/before" || echo "$repo")
    # Run from the tree so the printed source path is the same for both sides.
    code=0
    (cd "$tree" && node "$root/bench/out/src/cli/index.js" scan . --offline --format json >"$work/$side.json") || code=$?
    echo "exit code $code" >>"$work/$side.json"
  done
  if cmp -s "$work/before.json" "$work/after.json"; then
    echo "same: $(basename "$tree") ($(wc -c <"$work/after.json") bytes)"
  else
    echo "DIFFERENT: $(basename "$tree")"
    cmp "$work/before.json" "$work/after.json" | head -1 || true
    status=1
  fi
done
exit $status

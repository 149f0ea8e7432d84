# imagepin: the GitHub App server. One image for every role (web, worker, all: see docs/install.md).
#
# BASE is pinned by digest, as imagepin asks of every image. The pin was taken from a
# Renovate-maintained Dockerfile: repository maxbrunet/renovate-approve-job, file Dockerfile,
# commit f65bcdf3b48226954d001eee4eb341441510f586. Renovate (or the release process) moves it; a
# build where Docker Hub cannot be reached passes another base with --build-arg BASE=... (the tests
# build on a local Debian + Node 22 base: test/image/base-image.sh). The Dockerfile assumes only
# `node` and `npm` on PATH, so it works on Debian and Alpine bases alike.
ARG BASE=docker.io/library/node:22.16.0-alpine@sha256:9f3ae04faa4d2188825803bf890792f33cc39033c9241fc6bb201149470436ca

# Build: every dependency, TypeScript compiled to dist/ and the CLI bundled into dist/bin/. Install
# scripts are off; neither tsc nor esbuild (its binary is an optional dependency) needs them.
FROM ${BASE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src src
COPY scripts/bundle.mjs scripts/
RUN npm run build

# Production dependencies only, from the same lock file.
FROM ${BASE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force

FROM ${BASE}
# Release settings: the release process passes the version and the repository URL from package.json.
ARG VERSION=0.0.0-dev
ARG SOURCE=https://github.com/imagepin/imagepin
LABEL org.opencontainers.image.title="imagepin" \
      org.opencontainers.image.description="Keeps GitOps repositories from deploying container images nobody pinned down." \
      org.opencontainers.image.source="${SOURCE}" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.licenses="Apache-2.0"
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000
WORKDIR /app
# Owned by root and not writable by the app's user: the root filesystem can be mounted read-only.
COPY --from=deps /app/node_modules node_modules
COPY --from=build /app/dist dist
COPY package.json app.yml ./
# A numeric user, so that Kubernetes' runAsNonRoot can verify it without a passwd entry.
USER 10001:10001
EXPOSE 3000
# Node is PID 1 and handles SIGTERM itself (src/app/start.ts), so no init process is needed.
ENTRYPOINT ["node", "dist/app/start.js"]

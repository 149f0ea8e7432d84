import { familiarName, parseReference } from './reference.js';

const D64 = 'a'.repeat(64);
const D128 = 'b'.repeat(128);

describe('parseReference: normalisation', () => {
  test.each([
    ['nginx', 'docker.io/library/nginx', 'docker.io', 'library/nginx', undefined, undefined],
    ['nginx:1.27', 'docker.io/library/nginx:1.27', 'docker.io', 'library/nginx', '1.27', undefined],
    ['bitnami/redis:7.4', 'docker.io/bitnami/redis:7.4', 'docker.io', 'bitnami/redis', '7.4', undefined],
    ['docker.io/nginx', 'docker.io/library/nginx', 'docker.io', 'library/nginx', undefined, undefined],
    ['index.docker.io/library/nginx:1', 'docker.io/library/nginx:1', 'docker.io', 'library/nginx', '1', undefined],
    ['registry-1.docker.io/grafana/grafana:11.2.0', 'docker.io/grafana/grafana:11.2.0', 'docker.io', 'grafana/grafana', '11.2.0', undefined],
    ['localhost:5000/x', 'localhost:5000/x', 'localhost:5000', 'x', undefined, undefined],
    ['localhost/team/app:v1', 'localhost/team/app:v1', 'localhost', 'team/app', 'v1', undefined],
    ['127.0.0.1:5000/a/b:c', '127.0.0.1:5000/a/b:c', '127.0.0.1:5000', 'a/b', 'c', undefined],
    ['[::1]:5000/a:b', '[::1]:5000/a:b', '[::1]:5000', 'a', 'b', undefined],
    ['quay.io/ceph/ceph:v17.2.31', 'quay.io/ceph/ceph:v17.2.31', 'quay.io', 'ceph/ceph', 'v17.2.31', undefined],
    ['Registry.Example.com/team/app:1', 'Registry.Example.com/team/app:1', 'Registry.Example.com', 'team/app', '1', undefined],
    [`nginx@sha256:${D64}`, `docker.io/library/nginx@sha256:${D64}`, 'docker.io', 'library/nginx', undefined, `sha256:${D64}`],
    [`ghcr.io/a/b:1.0@sha256:${D64}`, `ghcr.io/a/b:1.0@sha256:${D64}`, 'ghcr.io', 'a/b', '1.0', `sha256:${D64}`],
    [`ghcr.io/a/b@sha512:${D128}`, `ghcr.io/a/b@sha512:${D128}`, 'ghcr.io', 'a/b', undefined, `sha512:${D128}`],
    ['a/b__c/d-e.f:T_1.x-y', 'docker.io/a/b__c/d-e.f:T_1.x-y', 'docker.io', 'a/b__c/d-e.f', 'T_1.x-y', undefined],
    ['my-registry:8443/team/app', 'my-registry:8443/team/app', 'my-registry:8443', 'team/app', undefined, undefined],
  ])('%s', (input, canonical, registry, repository, tag, digest) => {
    const parsed = parseReference(input);
    if (!parsed.ok) throw new Error(parsed.reason);
    expect(parsed.ref).toEqual({ canonical, registry, repository, ...(tag && { tag }), ...(digest && { digest }) });
  });
});

describe('parseReference: offsets point at the written parts', () => {
  test.each([
    ['nginx:1.27', 'nginx', '1.27', undefined],
    [`ghcr.io/a/b:1.0@sha256:${D64}`, 'ghcr.io/a/b', '1.0', `sha256:${D64}`],
    [`localhost:5000/x@sha256:${D64}`, 'localhost:5000/x', undefined, `sha256:${D64}`],
  ])('%s', (input, name, tag, digest) => {
    const parsed = parseReference(input);
    if (!parsed.ok) throw new Error(parsed.reason);
    const slice = (r?: [number, number]): string | undefined => r && input.slice(...r);
    expect([slice(parsed.offsets.name), slice(parsed.offsets.tag), slice(parsed.offsets.digest)]).toEqual([name, tag, digest]);
  });
});

describe('parseReference: invalid references are data with a reason', () => {
  test.each([
    ['', /empty/],
    ['nginx:1.27 ', /white space/],
    ['Nginx:1.27', /must be lowercase/],
    ['team/App:1', /must be lowercase/],
    ['nginx:', /invalid tag ""/],
    ['nginx:-1', /invalid tag/],
    [`nginx:${'x'.repeat(129)}`, /invalid tag/],
    ['nginx@sha256', /no algorithm/],
    ['nginx@sha256:abc', /64 lowercase hex characters, got 3/],
    [`nginx@sha256:${'A'.repeat(64)}`, /lowercase hex/],
    [`nginx@sha256:${D64}0`, /got 65/],
    [`nginx@sha512:${D64}`, /128 lowercase hex/],
    [`nginx@md5:${D64}`, /unsupported digest algorithm "md5"/],
    ['host:99999999/x', /invalid port/],
    ['-bad.host/x', /invalid registry host/],
    ['a//b', /invalid repository path component ""/],
    ['a/-b', /invalid repository path component/],
    ['a..b', /invalid repository path component/],
    [':tag', /no repository name/],
    [`${'a'.repeat(256)}`, /longer than 255/],
    ['https://ghcr.io/a/b', /invalid/],
  ])('%j', (input, reason) => {
    const parsed = parseReference(input);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toMatch(reason);
  });
});

test('familiarName drops docker.io and library/', () => {
  const name = (input: string): string => {
    const parsed = parseReference(input);
    if (!parsed.ok) throw new Error(parsed.reason);
    return familiarName(parsed.ref);
  };
  expect([name('nginx'), name('bitnami/redis'), name('quay.io/ceph/ceph')]).toEqual(['nginx', 'bitnami/redis', 'quay.io/ceph/ceph']);
});

import { ref } from '../helpers/ref.js';
import { createResolver } from '../../src/resolver/index.js';
import { TestServer } from '../harness/http-server.js';


const server = new TestServer((req, res) => {
  res.writeHead(200, { 'docker-content-digest': `sha256:${'a'.repeat(64)}`, 'content-type': 'application/vnd.oci.image.manifest.v1+json' }).end();
});
beforeAll(() => server.start());
afterAll(() => server.stop());

test('a reference written in a repository cannot make the resolver call loopback, private or metadata addresses', async () => {
  const stack = createResolver({ http: { retries: 0 } });
  const refs = [`127.0.0.1:${server.port}/x:1`, `localhost:${server.port}/x:1`, '169.254.169.254/latest:1', '10.0.0.1:5000/x:1', '[::1]:5000/x:1'].map(ref);
  const results = await stack.resolver.resolveAll(refs);
  expect([...results.values()].map((r) => [r.reference, r.error?.kind])).toEqual(refs.map((r) => [r.canonical, 'blocked']));
  expect(server.requests).toEqual([]);
  await stack.close();
});

test('the operator can allow a private registry host', async () => {
  const stack = createResolver({ allowHosts: [`127.0.0.1:${server.port}`] });
  expect(await stack.resolver.resolve(ref(`127.0.0.1:${server.port}/x:1.0.0`))).toMatchObject({ status: 'resolved', digest: `sha256:${'a'.repeat(64)}` });
  await stack.close();
});

test('allowing a name with its port (localhost:PORT) lets that port through, and only that port', async () => {
  const stack = createResolver({ allowHosts: [`localhost:${server.port}`], http: { retries: 0 } });
  expect(await stack.resolver.resolve(ref(`localhost:${server.port}/x:1.0.0`))).toMatchObject({ status: 'resolved' });
  const other = await stack.resolver.resolve(ref(`localhost:${server.port + 1}/x:1.0.0`));
  expect(other.error?.kind).toBe('blocked');
  await stack.close();
});

test('an endpoint override to a loopback name and port (ghcr.io=http://localhost:PORT/v2) is reachable', async () => {
  const stack = createResolver({ endpoints: [`ghcr.io=http://localhost:${server.port}/v2`] });
  expect(await stack.resolver.resolve(ref('ghcr.io/acme/x:1.0.0'))).toMatchObject({ status: 'resolved', digest: `sha256:${'a'.repeat(64)}` });
  await stack.close();
});

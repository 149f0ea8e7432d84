import { keepsCredentials } from './origins.js';
import { HostGuard } from './ssrf.js';

test.each([
  ['127.0.0.1', true], ['127.8.9.10', true], ['10.1.2.3', true], ['172.20.0.1', true], ['192.168.1.1', true], ['169.254.169.254', true],
  ['100.64.0.1', true], ['0.0.0.0', true], ['::1', true], ['::', true], ['fd00:ec2::254', true], ['fe80::1', true], ['::ffff:127.0.0.1', true],
  ['::ffff:10.0.0.1', true], ['8.8.8.8', false], ['140.82.112.3', false], ['2606:4700::1111', false], ['::ffff:8.8.8.8', false],
])('%s blocked: %s', (address, blocked) => {
  expect(new HostGuard().isBlockedAddress(address)).toBe(blocked);
});

test('literal private addresses are refused before any connection, unless the operator allows the host', () => {
  const guard = new HostGuard(['10.0.0.5:5000']);
  expect(() => guard.checkUrl(new URL('http://10.0.0.6:5000/v2/'))).toThrow('10.0.0.6:5000 is a private or local address; an operator must allow it (IMAGEPIN_ALLOW_HOSTS)');
  expect(() => guard.checkUrl(new URL('http://[::1]:5000/v2/'))).toThrow('private or local');
  expect(() => guard.checkUrl(new URL('file:///etc/passwd'))).toThrow('refusing file: URL');
  expect(() => guard.checkUrl(new URL('http://10.0.0.5:5000/v2/'))).not.toThrow();
});

test('names are checked after DNS resolution, at connect time', async () => {
  const lookup = (guard: HostGuard, host: string): Promise<string> =>
    new Promise((resolve) => guard.lookup(host, { all: true }, (err, addresses) => resolve(err ? `error: ${err.message}` : JSON.stringify(addresses))));
  expect(await lookup(new HostGuard(), 'localhost')).toMatch(/^error: localhost resolves to (127\.0\.0\.1|::1), a private or local address/);
  expect(await lookup(new HostGuard(['localhost']), 'localhost')).toMatch(/"address":"(127\.0\.0\.1|::1)"/);
});

test('allowed hosts by name and port, for names and IP literals; a bare name allows every port', () => {
  const guard = new HostGuard(['registry.internal:5000', '10.0.0.5:5000', '[fd00::1]:5000', 'mirror.internal', '::1']);
  expect([
    guard.allows('registry.internal', 5000), guard.allows('registry.internal', 5001), guard.allows('REGISTRY.internal', 5000),
    guard.allows('10.0.0.5', 5000), guard.allows('10.0.0.5', 443), guard.allows('fd00::1', 5000), guard.allows('[fd00::1]', 5000),
    guard.allows('mirror.internal', 443), guard.allows('mirror.internal', 8443), guard.allows('::1', 5000),
  ]).toEqual([true, false, true, true, false, true, true, true, true, true]);
  expect(() => guard.checkUrl(new URL('https://10.0.0.5:5000/v2/'))).not.toThrow();
  expect(() => guard.checkUrl(new URL('https://10.0.0.5/v2/'))).toThrow('10.0.0.5 is a private or local address');
  expect(() => new HostGuard(['http://x/'])).toThrow('allowed host "http://x/" must look like name, name:port, 10.0.0.5:5000 or [fd00::1]:5000');
});

test.each([
  ['https://registry.example.com/v2/a', 'https://registry.example.com/v2/b', true],
  ['https://registry.example.com/v2/a', 'http://registry.example.com/v2/a', false],
  ['https://registry.example.com/v2/a', 'https://registry.example.com:8443/v2/a', false],
  ['https://registry.example.com:443/v2/a', 'https://registry.example.com/v2/a', true],
  ['https://registry.example.com/v2/a', 'https://cdn.example.com/blob', false],
])('a redirect from %s to %s keeps the Authorization header: %s', (from, to, keeps) => {
  expect(keepsCredentials(new URL(from), new URL(to))).toBe(keeps);
});

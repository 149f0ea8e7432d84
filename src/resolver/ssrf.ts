import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import { buildConnector } from 'undici';
import { RegistryError } from './errors.js';
import { matchesHost, nameOf, parseHostPattern, portOf, type HostPattern } from './origins.js';

/**
 * Addresses a reference from repository content must not reach: loopback, private, carrier-grade
 * NAT, link-local (which holds cloud metadata at 169.254.169.254), unique-local IPv6 (fd00:ec2::254),
 * multicast and reserved ranges.
 */
function defaultBlockList(): BlockList {
  const list = new BlockList();
  for (const [net, prefix] of [['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
    ['192.0.0.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['224.0.0.0', 4], ['240.0.0.0', 4]] as const) list.addSubnet(net, prefix, 'ipv4');
  for (const [net, prefix] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8]] as const) list.addSubnet(net, prefix, 'ipv6');
  return list;
}

/**
 * Decides which hosts the resolver may talk to. Operator endpoints and allow-listed hosts bypass
 * the address check, by name and port: `registry.internal:5000` allows that port only, a bare name
 * every port. The port is known only per connection, so `connectorFor` (not `lookup`) applies it.
 */
export class HostGuard {
  private readonly blocked = defaultBlockList();
  private readonly allowed: HostPattern[] = [];

  constructor(allowHosts: Iterable<string> = []) {
    for (const host of allowHosts) this.allow(host);
  }

  /** Adds an operator's host entry; throws with the fix when it is not one. */
  allow(host: string): void {
    const pattern = parseHostPattern(host);
    if (!pattern) throw new Error(`allowed host "${host}" must look like name, name:port, 10.0.0.5:5000 or [fd00::1]:5000`);
    this.allowed.push(pattern);
  }

  /** Whether the operator allowed `name` on `port`. */
  allows(name: string, port: number): boolean {
    return this.allowed.some((p) => matchesHost(p, name, port));
  }

  /** Whether the operator allowed `name` on every port (the only case `lookup` can decide). */
  private allowsEveryPort(name: string): boolean {
    return this.allowed.some((p) => p.port === undefined && matchesHost(p, name, 0));
  }

  isBlockedAddress(address: string): boolean {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
    if (mapped) return this.blocked.check(mapped, 'ipv4');
    const family = isIP(address);
    return family !== 0 && this.blocked.check(address, family === 6 ? 'ipv6' : 'ipv4');
  }

  /** Checks a URL before any connection: scheme, and literal IP addresses (which skip DNS). */
  checkUrl(url: URL): void {
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new RegistryError('blocked', `refusing ${url.protocol} URL ${url.href}`);
    const hostname = nameOf(url);
    if (this.allows(hostname, portOf(url))) return;
    if (isIP(hostname) && this.isBlockedAddress(hostname)) {
      throw new RegistryError('blocked', `${url.host} is a private or local address; an operator must allow it (IMAGEPIN_ALLOW_HOSTS)`);
    }
  }

  /** A `lookup` for sockets: every address a name resolves to is checked at connect time, so DNS rebinding cannot slip past. */
  readonly lookup: LookupFunction = (hostname, options, callback) => {
    const family = options.family === 'IPv4' ? 4 : options.family === 'IPv6' ? 6 : (options.family ?? 0);
    dnsLookup(hostname, { all: true, family }, (err, addresses: LookupAddress[]) => {
      if (err) return callback(err, []);
      if (!this.allowsEveryPort(hostname.toLowerCase())) {
        const bad = addresses.find((a) => this.isBlockedAddress(a.address));
        if (bad) return callback(new RegistryError('blocked', `${hostname} resolves to ${bad.address}, a private or local address; an operator must allow it (IMAGEPIN_ALLOW_HOSTS)`) as unknown as NodeJS.ErrnoException, []);
      }
      if (options.all) return callback(null, addresses);
      const first = addresses[0];
      if (!first) return callback(Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' }), []);
      callback(null, first.address, first.family);
    });
  };

  /** An undici connector: allowed `name:port` pairs connect with plain DNS, every other one through `lookup`. */
  connector(options: buildConnector.BuildOptions = {}): buildConnector.connector {
    const guarded = buildConnector({ ...options, lookup: this.lookup });
    const open = buildConnector(options);
    return (target, callback) => {
      const port = Number(target.port) || (target.protocol === 'https:' ? 443 : 80);
      (this.allows(target.hostname, port) ? open : guarded)(target, callback);
    };
  }
}

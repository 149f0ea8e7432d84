import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import { RegistryError } from './errors.js';

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

/** Decides which hosts the resolver may talk to; operator endpoints and allow-listed hosts bypass the address check. */
export class HostGuard {
  private readonly blocked = defaultBlockList();
  private readonly allowed: Set<string>;

  constructor(allowHosts: Iterable<string> = []) {
    this.allowed = new Set([...allowHosts].map((h) => h.toLowerCase()));
  }

  allow(host: string): void {
    this.allowed.add(host.toLowerCase());
  }

  /** A host (`name` or `name:port`) the operator allowed, by name or by name and port. */
  isAllowed(host: string): boolean {
    const lower = host.toLowerCase();
    return this.allowed.has(lower) || this.allowed.has(lower.replace(/:\d+$/, ''));
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
    if (this.isAllowed(url.host)) return;
    const hostname = url.hostname.replace(/^\[|\]$/g, '');
    if (isIP(hostname) && this.isBlockedAddress(hostname)) {
      throw new RegistryError('blocked', `${url.host} is a private or local address; an operator must allow it (IMAGEPIN_ALLOW_HOSTS)`);
    }
  }

  /** A `lookup` for sockets: every address a name resolves to is checked at connect time, so DNS rebinding cannot slip past. */
  readonly lookup: LookupFunction = (hostname, options, callback) => {
    const family = options.family === 'IPv4' ? 4 : options.family === 'IPv6' ? 6 : (options.family ?? 0);
    dnsLookup(hostname, { all: true, family }, (err, addresses: LookupAddress[]) => {
      if (err) return callback(err, []);
      if (!this.isAllowed(hostname)) {
        const bad = addresses.find((a) => this.isBlockedAddress(a.address));
        if (bad) return callback(new RegistryError('blocked', `${hostname} resolves to ${bad.address}, a private or local address; an operator must allow it (IMAGEPIN_ALLOW_HOSTS)`) as unknown as NodeJS.ErrnoException, []);
      }
      if (options.all) return callback(null, addresses);
      const first = addresses[0];
      if (!first) return callback(Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' }), []);
      callback(null, first.address, first.family);
    });
  };
}

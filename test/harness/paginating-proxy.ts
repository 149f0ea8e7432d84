import { TestServer } from './http-server.js';

/**
 * Distribution 2.8 ignores `?n=` on tag lists; this proxy pages them the way the spec (and Docker
 * Hub) do, with at most `maxPage` tags a page and a `Link: <...>; rel="next"` header. Everything
 * else is passed through to the registry unchanged.
 */
export function paginatingProxy(upstream: string, maxPage: number): TestServer {
  return new TestServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://proxy');
    const upstreamUrl = new URL(`${url.pathname}${url.pathname.endsWith('/tags/list') ? '' : url.search}`, upstream);
    const response = await fetch(upstreamUrl, { method: req.method, headers: { accept: String(req.headers.accept ?? '*/*') } });
    if (!url.pathname.endsWith('/tags/list') || response.status !== 200) {
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
      return;
    }
    const all = ((await response.json()) as { name: string; tags: string[] }).tags.sort();
    const n = Math.min(Number(url.searchParams.get('n') ?? maxPage), maxPage);
    const last = url.searchParams.get('last');
    const start = last ? all.findIndex((t) => t > last) : 0;
    const page = start === -1 ? [] : all.slice(start, start + n);
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (start !== -1 && start + n < all.length) headers.link = `<${url.pathname}?n=${n}&last=${encodeURIComponent(page.at(-1)!)}>; rel="next"`;
    res.writeHead(200, headers).end(JSON.stringify({ name: url.pathname.split('/').slice(2, -2).join('/'), tags: page }));
  });
}

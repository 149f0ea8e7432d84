import type { IncomingMessage } from 'node:http';

export type Params = Record<string, string>;
export type Route = [method: string, pattern: RegExp, handle: (p: Params, body: Record<string, unknown>, url: URL, req: IncomingMessage) => unknown];

/** Thrown by a route for a GitHub-shaped error response. */
export class HttpError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

export const repoKey = (p: Params): string => `${p.owner}/${p.repo}`;
export const REPO = '/repos/(?<owner>[^/]+)/(?<repo>[^/]+)';

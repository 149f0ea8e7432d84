import { createPrivateKey } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { getPrivateKey } from '@probot/get-private-key';

/** One readiness condition: undefined when met, else what is wrong (shown in the /readyz body). */
export type ReadinessCheck = () => Promise<string | undefined> | string | undefined;

/**
 * The App key is present and parses as a private key, checked locally with no GitHub call, so a
 * probe never spends rate limit and a GitHub outage does not take every replica out of service.
 */
export function appKeyCheck(env: NodeJS.ProcessEnv): ReadinessCheck {
  return () => {
    let pem: string | null;
    try {
      pem = getPrivateKey({ env });
    } catch (err) {
      return `the App key cannot be read: ${(err as Error).message}`;
    }
    if (!pem) return 'no App key: set PRIVATE_KEY or PRIVATE_KEY_PATH';
    try {
      createPrivateKey(pem);
      return undefined;
    } catch (err) {
      return `the App key does not parse as a private key: ${(err as Error).message}`;
    }
  };
}

/**
 * A Probot server handler for GET /healthz (the process serves HTTP) and GET /readyz (every
 * readiness check passes; 503 with the reasons otherwise). Other paths fall through.
 */
export function healthHandler(checks: ReadinessCheck[]) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const path = (req.url ?? '').split('?')[0];
    if (req.method !== 'GET' || (path !== '/healthz' && path !== '/readyz')) return false;
    if (path === '/healthz') return send(res, 200, { status: 'ok' });
    const problems: string[] = [];
    for (const check of checks) {
      try {
        const problem = await check();
        if (problem) problems.push(problem);
      } catch (err) {
        problems.push(`readiness check failed: ${(err as Error).message}`);
      }
    }
    return problems.length === 0 ? send(res, 200, { status: 'ready' }) : send(res, 503, { status: 'not ready', problems });
  };
}

function send(res: ServerResponse, status: number, body: object): true {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
  return true;
}

// Black-hole benchmark: 64 references to one registry that accepts connections and never answers,
// with the operator defaults (10 s per request, 2 retries, 60 s deadline, breaker after 1 timeout).
import { createServer, type Socket } from 'node:net';
import { ref } from '../test/helpers/ref.js';
import { createResolver } from '../src/resolver/index.js';
import type { Row } from './extraction.js';

/** A TCP server that accepts every connection and never writes a byte. */
async function blackHole(): Promise<{ port: number; connections: () => number; stop: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  let connections = 0;
  const server = createServer((socket) => {
    connections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    connections: () => connections,
    stop: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

export async function benchBlackHole(count = 64): Promise<Row[]> {
  const hole = await blackHole();
  const stack = createResolver({ endpoints: [`blackhole.example=http://127.0.0.1:${hole.port}/v2`] });
  try {
    const refs = Array.from({ length: count }, (_, i) => ref(`blackhole.example/team/app-${i}:1.0.${i}`));
    const started = performance.now();
    const results = [...(await stack.resolver.resolveAll(refs)).values()];
    const seconds = (performance.now() - started) / 1000;
    const timeouts = results.filter((r) => r.status === 'unresolved' && r.error?.kind === 'timeout').length;
    return [
      ['black-hole', `${count} references to one black-hole registry: wall time (s), target <= 15`, seconds.toFixed(2)],
      ['black-hole', `${count} references: unresolved as timeouts`, `${timeouts} of ${results.length}`],
      ['black-hole', `${count} references: connections the registry accepted`, hole.connections()],
    ];
  } finally {
    await stack.close();
    await hole.stop();
  }
}

import { createConnection, createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP forwarder on 127.0.0.1 in front of `upstream` (`host:port`) that counts the connections
 * clients open to it, so a test can see whether requests share keep-alive connections.
 */
export class ConnectionCounter {
  connections = 0;
  private readonly sockets = new Set<Socket>();
  private readonly server: Server;
  private port = 0;

  constructor(private readonly upstream: string) {
    this.server = createServer((client) => {
      this.connections++;
      const [host, port] = this.upstream.split(':');
      const remote = createConnection({ host, port: Number(port) });
      for (const socket of [client, remote]) {
        this.sockets.add(socket);
        socket.once('close', () => this.sockets.delete(socket));
        socket.on('error', () => (socket === client ? remote : client).destroy());
      }
      client.pipe(remote).pipe(client);
    });
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    this.port = typeof address === 'object' && address ? address.port : 0;
    return this;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

// A registry 50 ms away that is itself fast: the answers a delaying proxy kept from docker-registry,
// replayed from memory after the same delay by a process of its own, so neither docker-registry's
// CPU nor the replaying server's lands on the app's thread. The child reports each answer (start,
// end, upstream time: above 0 for a request it had no answer for and forwarded) and each new
// connection on its stdout, in the parent's performance.now() time.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { delayingProxy, type Answer, type OnAnswer, type Recording } from '../test/harness/delaying-proxy.js';

interface Wire {
  upstream: string;
  delayMs: number;
  answers: [string, { status: number; headers: Record<string, string>; body?: string }][];
}

export interface FarRegistry {
  url: string;
  stop(): Promise<void>;
}

/** Starts the child with `recording`'s answers; `onAnswer` and `onConnection` hear what it served. */
export async function startFarRegistry(upstream: string, delayMs: number, recording: Recording, onAnswer: OnAnswer, onConnection: () => void): Promise<FarRegistry> {
  const child = spawn(process.execPath, [fileURLToPath(import.meta.url), 'serve'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const wire: Wire = { upstream, delayMs, answers: [...recording.answers].map(([key, a]) => [key, { status: a.status, headers: a.headers, ...(a.body && { body: a.body.toString('base64') }) }]) };
  child.stdin.end(JSON.stringify(wire));
  const lines = createInterface({ input: child.stdout });
  const port = new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the far registry exited (${code}) before listening`)));
    lines.on('line', (line) => {
      const [kind, ...fields] = line.split(' ');
      if (kind === 'port') resolve(Number(fields[0]));
      else if (kind === 'c') onConnection();
      else if (kind === 'a') onAnswer(Number(fields[0]) - performance.timeOrigin, Number(fields[1]) - performance.timeOrigin, Number(fields[2]));
    });
  });
  return {
    url: `http://127.0.0.1:${await port}`,
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}

async function serve(): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const wire = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Wire;
  const answers = new Map<string, Answer>(wire.answers.map(([key, a]) => [key, { status: a.status, headers: a.headers, ...(a.body !== undefined && { body: Buffer.from(a.body, 'base64') }) }]));
  const at = (t: number) => (performance.timeOrigin + t).toFixed(3);
  // Writes to a pipe are synchronous on Linux: a line is out before the answer's next event.
  const server = await delayingProxy(wire.upstream, wire.delayMs, (start, end, up) => process.stdout.write(`a ${at(start)} ${at(end)} ${up.toFixed(1)}\n`), {
    connectionRtt: true,
    onConnection: () => process.stdout.write('c\n'),
    recording: { answers, replay: true, misses: 0 },
  }).start();
  process.stdout.write(`port ${server.port}\n`);
  process.once('SIGTERM', () => void server.stop().then(() => process.exit(0)));
}

if (process.argv[2] === 'serve' && process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await serve();

// Runs `imagepin scan DIR --format json` in this process and prints wall time, peak RSS and counts.
// The output is counted and dropped, as a pipe to another program would take it, so the harness
// adds no copy of it to the RSS it measures.
import { main } from '../src/cli/main.js';

const dir = process.argv[2];
let head = '';
let bytes = 0;
const started = performance.now();
const code = await main(['scan', dir!, '--offline', '--format', 'json'], {
  stdout: (t: string) => {
    if (head.length < 4096) head += t;
    bytes += Buffer.byteLength(t);
  },
  stderr: (t: string) => void process.stderr.write(t),
  isTTY: false,
});
const wallMs = performance.now() - started;
const summary = JSON.parse(/"summary":(\{[^}]*\})/.exec(head)![1]!);
process.stdout.write(JSON.stringify({ code, wallMs, outputBytes: bytes, maxRssMB: process.resourceUsage().maxRSS / 1024, ...summary }));

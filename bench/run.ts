// `npm run bench [part ...]`: runs the benchmark parts and prints one Markdown table of measured figures.
import { cpus, totalmem } from 'node:os';
import { benchExtraction, type Row } from './extraction.js';
import { benchResolver } from './resolver.js';
import { benchLimits } from './limits.js';
import { benchApp } from './app.js';
import { benchProtect } from './protect.js';
import { benchBlackHole } from './black-hole.js';
import { benchStartup } from './startup.js';
import { benchPeer } from './peer.js';
import { benchCliCache } from './cli-cache.js';
import { benchFleet } from './fleet.js';
import { benchFleetThroughput } from './fleet-throughput.js';

const parts: Record<string, () => Row[] | Promise<Row[]>> = {
  extraction: () => benchExtraction(),
  resolver: () => benchResolver(),
  limits: () => benchLimits(),
  app: () => benchApp(),
  protect: () => benchProtect(),
  'black-hole': () => benchBlackHole(),
  startup: () => benchStartup(),
  peer: () => benchPeer(),
  'cli-cache': () => benchCliCache(),
  fleet: () => benchFleet(),
  'fleet-throughput': () => benchFleetThroughput(),
};
const only = process.argv.slice(2);
const rows: Row[] = [];
for (const [name, run] of Object.entries(parts)) {
  if (only.length === 0 || only.includes(name)) rows.push(...(await run()));
}
const cpu = cpus()[0]?.model ?? 'unknown CPU';
console.log(`Machine: ${cpus().length} x ${cpu}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; date ${new Date().toISOString().slice(0, 10)}\n`);
console.log('| part | measure | value |\n|---|---|---|');
for (const [part, measure, value] of rows) console.log(`| ${part} | ${measure} | ${value} |`);

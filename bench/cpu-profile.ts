// CPU profile of one stretch of a benchmark (the in-process inspector), summarised by stage and
// by function self time, so a figure can say where its time goes. Off unless
// IMAGEPIN_BENCH_PROFILE names a folder; the .cpuprofile is written there for a closer look.
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** The stage a frame's file belongs to: imagepin's own folders, the harness (fake GitHub, proxy), a package, Node. */
export function stageOf(url: string, name: string): string {
  if (!url) return name.startsWith('(') ? name : 'native';
  const own = /\/(?:bench\/out\/)?(src|test\/harness)\/([^/]+)/.exec(url);
  if (own && !url.includes('node_modules')) return own[1] === 'src' ? `src/${own[2]!.replace(/\.js$/, '')}` : 'harness';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return `pkg ${pkg[1]}`;
  return url.startsWith('node:') ? 'node internals' : 'other';
}

/** Milliseconds of self time per stage and per function, largest first. */
export function summarise(profile: Profile, top = 25): { stages: [string, number][]; functions: [string, number][] } {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const stages = new Map<string, number>();
  const functions = new Map<string, number>();
  for (const [id, us] of self) {
    const frame = byId.get(id)?.callFrame;
    if (!frame) continue;
    const stage = stageOf(frame.url, frame.functionName);
    stages.set(stage, (stages.get(stage) ?? 0) + us / 1000);
    const where = `${frame.functionName || '(anonymous)'} ${frame.url.replace(/^.*\/(bench\/out\/|node_modules\/)/, '')}:${frame.lineNumber + 1}`;
    functions.set(where, (functions.get(where) ?? 0) + us / 1000);
  }
  const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).slice(0, top);
  return { stages: sorted(stages), functions: sorted(functions) };
}

/** Runs `fn`, profiled when IMAGEPIN_BENCH_PROFILE is set: writes `<name>.cpuprofile` and prints the summary to stderr. */
export async function profiled<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const dir = process.env.IMAGEPIN_BENCH_PROFILE;
  if (!dir) return fn();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  try {
    return await fn();
  } finally {
    const { profile } = (await session.post('Profiler.stop')) as { profile: Profile };
    session.disconnect();
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `${name}.cpuprofile`), JSON.stringify(profile));
    const { stages, functions } = summarise(profile);
    const ms = (v: number) => v.toFixed(1).padStart(8);
    process.stderr.write(`\n${name}: self time by stage (ms)\n${stages.map(([s, v]) => `${ms(v)}  ${s}`).join('\n')}\n${name}: top functions by self time (ms)\n${functions.map(([f, v]) => `${ms(v)}  ${f}`).join('\n')}\n`);
  }
}

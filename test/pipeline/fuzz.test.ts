import fc from 'fast-check';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../../src/cli/main.js';
import { loadConfig } from '../../src/config/load.js';
import { analyze } from '../../src/engine/analyze.js';
import { resolvable } from '../../src/engine/resolve.js';
import { applyByFile } from '../../src/fixers/apply.js';
import { planFixes } from '../../src/fixers/plan.js';
import { toAnnotations } from '../../src/reporters/annotations.js';
import { toJson } from '../../src/reporters/json.js';
import { toMarkdown } from '../../src/reporters/markdown.js';
import { toSarif } from '../../src/reporters/sarif.js';
import { toText } from '../../src/reporters/text.js';
import type { Resolution } from '../../src/resolver/types.js';
import type { Finding } from '../../src/rules/types.js';
import { MemorySource } from '../../src/sources/memory.js';

/** Cases per run of the main property (recorded in docs/reliability.md). */
const RUNS = Number(process.env.FUZZ_RUNS ?? 2000);
/** Every this many cases, the fixers plan and apply pins for the same tree (they re-extract every file they touch). */
const FIX_EVERY = 4;
/** Every this many cases, the same tree also goes through the CLI on disk, for its exit path. */
const CLI_EVERY = 40;

const config = loadConfig(undefined).config;
const GOOD = 'good/deploy.yaml';
const GOOD_TEXT = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: registry.example.net/acme/web:latest\n        - name: api\n          image: "registry.example.net/acme/api:1.2.3"\n';
const DIGEST = `sha256:${'7'.repeat(64)}`;

function fixtures(): [string, string][] {
  const root = fileURLToPath(new URL('../../src/extractors', import.meta.url));
  const found: [string, string][] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (full.includes('__fixtures__')) found.push([`bad/${full.slice(full.indexOf('__fixtures__') + 13)}`, readFileSync(full, 'utf8')]);
    }
  };
  walk(root);
  return found;
}

const ODD = ['x:1', '~', 'null', '.inf', '-.nan', '0x1F', '1e309', '!!binary aGVsbG8=', '[]', '{}', '"\\u0000"', "'@sha256:'", 'sha256:zz', '*nope', '&a', '"{{ .Values.x }}"', '${TAG}', '">=1.0 <0.1"', '9'.repeat(40), '"a\\e[2Jb"', '|\n  multi'];
const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

/** One way to break a manifest; applied to a fixture's text (or bytes, for flips). */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), bits: fc.integer({ min: 1, max: 255 }) }),
  fc.record({ kind: fc.constant('bomb' as const), levels: fc.integer({ min: 3, max: 9 }) }),
  fc.record({ kind: fc.constant('deep' as const), depth: fc.integer({ min: 150, max: 400 }), flow: fc.boolean() }),
  fc.record({ kind: fc.constant('duplicate' as const), line: fc.nat() }),
  fc.record({ kind: fc.constant('odd' as const), which: fc.nat(), value: fc.constantFrom(...ODD) }),
  fc.constant({ kind: 'bom' as const }),
  fc.constant({ kind: 'crlf' as const }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;

function mutate(text: string, m: Mutation): Uint8Array {
  const lines = text.split('\n');
  switch (m.kind) {
    case 'truncate': return bytes(text.slice(0, m.at % (text.length + 1)));
    case 'flip': {
      const b = bytes(text);
      if (b.length > 0) b[m.at % b.length] = b[m.at % b.length]! ^ m.bits;
      return b;
    }
    case 'bomb': {
      const bomb = ['a0: &a0 [x, x, x, x, x, x, x, x, x]'];
      for (let i = 1; i < m.levels; i++) bomb.push(`a${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(', ')}]`);
      return bytes(`${bomb.join('\n')}\n${text}`);
    }
    case 'deep': return bytes(m.flow ? `x: ${'['.repeat(m.depth)}${']'.repeat(m.depth)}\n${text}` : `${Array.from({ length: m.depth }, (_, i) => `${' '.repeat(i)}k:`).join('\n')} 1\n---\n${text}`);
    case 'duplicate': {
      const i = m.line % lines.length;
      return bytes([...lines.slice(0, i + 1), lines[i]!.replace(/(:\s*).*/, '$1nginx:latest'), ...lines.slice(i + 1)].join('\n'));
    }
    case 'odd': {
      const fields = lines.map((l, i) => [l, i] as const).filter(([l]) => /^\s*-?\s*(tag|newTag|version|targetRevision|digest|image|chart|ref|url|endpoints):/.test(l));
      if (fields.length === 0) return bytes(text);
      const [line, i] = fields[m.which % fields.length]!;
      lines[i] = line.replace(/:(\s*).*$/, `:$1${m.value}`);
      return bytes(lines.join('\n'));
    }
    case 'bom': return bytes(`\uFEFF${text}`);
    case 'crlf': return bytes(text.replace(/\n/g, '\r\n'));
  }
}

/** What a registry would have said: every reference resolved to one digest, so the fixers have work. */
function resolveAll(refs: string[]): Map<string, Resolution> {
  return new Map(refs.map((r) => [r, { reference: r, status: 'resolved', digest: DIGEST, version: '1.0.0', versionSource: 'shared-digest' }]));
}

const key = (f: Finding): string => JSON.stringify(f);

describe('the whole pipeline on hostile manifests', () => {
  let goodAlone: string[];
  const all = fixtures();
  let cliDir: string;
  beforeAll(async () => {
    expect(all.length).toBeGreaterThan(8);
    goodAlone = (await analyze({ head: new MemorySource({ [GOOD]: GOOD_TEXT }), config })).findings.map(key);
    expect(goodAlone.length).toBeGreaterThanOrEqual(2);
    cliDir = mkdtempSync(join(tmpdir(), 'imagepin-fuzz-'));
  });
  afterAll(() => rmSync(cliDir, { recursive: true, force: true }));

  test(`${RUNS} mutated manifests of every format: nothing throws, no internal error, the good file's findings survive`, async () => {
    let run = 0;
    const codes = new Set<number>();
    await fc.assert(fc.asyncProperty(fc.constantFrom(...all), fc.array(mutation, { minLength: 1, maxLength: 3 }), async ([file, original], mutations) => {
      let content: Uint8Array = bytes(original);
      for (const m of mutations) content = mutate(new TextDecoder().decode(content), m);
      const files = { [GOOD]: GOOD_TEXT, [file]: content };
      const { inventory, findings } = await analyze({ head: new MemorySource(files), config });
      expect(inventory.diagnostics.filter((d) => d.code === 'internal-error')).toEqual([]);
      const kept = new Set(findings.filter((f) => f.file === GOOD).map(key));
      for (const f of goodAlone) expect(kept).toContain(f);
      // Every reporter renders it.
      toText(inventory, true, findings);
      JSON.parse(toJson(inventory, findings));
      toMarkdown(inventory, findings, { linkBase: 'https://github.com/o/r/blob/abc/' });
      toSarif(findings, '0.0.0');
      toAnnotations(findings);
      if (run++ % FIX_EVERY !== 0) return;
      // The fixers plan and apply pins for it; the good file's pins still apply.
      inventory.resolutions = resolveAll(inventory.occurrences.filter(resolvable).map((o) => o.reference.canonical));
      const text = (f: string): string => new TextDecoder().decode(typeof files[f] === 'string' ? bytes(files[f] as string) : (files[f] as Uint8Array));
      const { fixes } = await planFixes(inventory, { pin: true, mirror: false, config, text });
      const { changes } = applyByFile(fixes, text);
      expect(changes.find((c) => c.path === GOOD)?.fixes).toHaveLength(2);
      if (run % CLI_EVERY === 1) {
        rmSync(cliDir, { recursive: true, force: true });
        for (const [path, body] of Object.entries(files)) {
          mkdirSync(join(cliDir, dirname(path)), { recursive: true });
          writeFileSync(join(cliDir, path), body);
        }
        let stderr = '';
        const code = await main(['scan', cliDir, '--offline', '--format', run % (2 * CLI_EVERY) === 1 ? 'json' : 'text', '--fail-on', 'error'], { stdout: () => undefined, stderr: (t) => (stderr += t), isTTY: false }, {});
        // 1: the good file has an error-level finding (its floating tag); never 2 (could not finish).
        expect([code, stderr]).toEqual([1, '']);
        codes.add(code);
      }
    }), { numRuns: RUNS });
    expect(run).toBe(RUNS);
    expect(codes).toEqual(new Set([1]));
  }, 600_000);
});

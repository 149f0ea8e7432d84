import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { main, type Io } from '../cli/main.js';

/** An input as the Actions runner passes it: INPUT_<NAME upper-cased, spaces as _>, trimmed. */
function input(env: NodeJS.ProcessEnv, name: string): string {
  return (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}

/** A list input: one item a line or comma-separated. */
function list(value: string): string[] {
  return value.split(/[\n,]/).map((s) => s.trim()).filter(Boolean);
}

/**
 * The GitHub Action (action.yml): one `imagepin scan` of the `path` input, written three ways:
 * the chosen format to the log, SARIF with paths relative to the repository root (for code
 * scanning), and the Markdown report appended to the job summary; outputs go to $GITHUB_OUTPUT.
 * Returns scan's exit code (1 when a finding reaches `fail-on`, 2 for bad input).
 */
export async function runAction(env: NodeJS.ProcessEnv, io: Io): Promise<number> {
  const workspace = env.GITHUB_WORKSPACE || process.cwd();
  const path = resolve(workspace, input(env, 'path') || '.');
  const root = relative(workspace, path);
  if (root.startsWith('..') || isAbsolute(root)) {
    io.stderr(`imagepin: the path input (${path}) is outside the repository (${workspace}); give a path inside it\n`);
    return 2;
  }
  const sarifFile = resolve(workspace, input(env, 'sarif-file') || 'imagepin.sarif');
  const work = mkdtempSync(join(tmpdir(), 'imagepin-action-'));
  const args = ['scan', path, '--format', input(env, 'format') || 'text', '--sarif-file', join(work, 'report.sarif'), '--markdown-file', join(work, 'report.md')];
  if (input(env, 'config')) args.push('--config', resolve(workspace, input(env, 'config')));
  if (input(env, 'fail-on')) args.push('--fail-on', input(env, 'fail-on'));
  if (input(env, 'offline') === 'true') args.push('--offline');
  // The workflow's repository, when the whole of it is scanned (Argo CD paths are relative to its top).
  if (root === '' && env.GITHUB_REPOSITORY) args.push('--repository', env.GITHUB_REPOSITORY);
  for (const endpoint of list(input(env, 'endpoints'))) args.push('--endpoint', endpoint);
  for (const host of list(input(env, 'allow-hosts'))) args.push('--allow-host', host);
  const credentials = input(env, 'registry-credentials');
  // Credentials go to the resolver through its environment, never on a command line.
  const scanEnv = credentials ? { ...env, IMAGEPIN_DOCKER_CONFIG_JSON: credentials } : env;
  try {
    const code = await main(args, io, scanEnv);
    let findings = 0;
    try {
      const sarif = JSON.parse(readFileSync(join(work, 'report.sarif'), 'utf8'));
      // Results and the notices of what was not read (notifications) alike, from the repository root.
      const notices = (sarif.runs?.[0]?.invocations ?? []).flatMap((i: { toolExecutionNotifications?: unknown[] }) => i.toolExecutionNotifications ?? []);
      for (const result of [...(sarif.runs?.[0]?.results ?? []), ...notices]) {
        for (const location of result.locations ?? []) {
          const artifact = location.physicalLocation?.artifactLocation;
          if (artifact?.uri) artifact.uri = join(root, artifact.uri).split('\\').join('/');
        }
      }
      findings = sarif.runs?.[0]?.results?.length ?? 0;
      writeFileSync(sarifFile, `${JSON.stringify(sarif, null, 2)}\n`);
      if (env.GITHUB_STEP_SUMMARY) appendFileSync(env.GITHUB_STEP_SUMMARY, `${readFileSync(join(work, 'report.md'), 'utf8')}\n`);
    } catch (err) {
      // No report: scan stopped before the analysis (its message is in the log); fail closed.
      io.stderr(`imagepin: no report was written (${(err as Error).message})\n`);
      if (env.GITHUB_STEP_SUMMARY) appendFileSync(env.GITHUB_STEP_SUMMARY, `imagepin could not analyse \`${root || '.'}\`: see the step's log.\n`);
      return output(env, { 'exit-code': String(code || 2) }, code || 2);
    }
    return output(env, { 'sarif-file': relative(workspace, sarifFile), findings: String(findings), 'exit-code': String(code) }, code);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function output(env: NodeJS.ProcessEnv, values: Record<string, string>, code: number): number {
  if (env.GITHUB_OUTPUT) appendFileSync(env.GITHUB_OUTPUT, Object.entries(values).map(([k, v]) => `${k}=${v}\n`).join(''));
  return code;
}

/**
 * Whether the text report is coloured, by the conventions users set once for every tool:
 * 1. `--color` / `--no-color` on the command line (one run's choice beats the environment, as
 *    no-color.org asks of command-line arguments);
 * 2. `FORCE_COLOR`, when set and not empty: on (force-color.org), except `0` or `false`, which
 *    Node and the chalk family read as "off". It comes before `NO_COLOR`, as in force-color.org's
 *    reference code and Node's own precedence: a user who forces colour for one job means it;
 * 3. `NO_COLOR`, when set and not empty (whatever its value): off (no-color.org);
 * 4. otherwise on when standard output is a terminal (and not `TERM=dumb`).
 */
export function colorWanted(flag: boolean | undefined, stdoutIsTTY: boolean, env: NodeJS.ProcessEnv): boolean {
  if (flag !== undefined) return flag;
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '') return force !== '0' && force.toLowerCase() !== 'false';
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return stdoutIsTTY && env.TERM !== 'dumb';
}

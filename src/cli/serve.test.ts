import { main } from './main.js';

test('serve refuses an unknown role with the usage, before starting anything', async () => {
  const err: string[] = [];
  const code = await main(['serve', '--role', 'cron'], { stdout: () => undefined, stderr: (t) => void err.push(t), isTTY: false }, {});
  expect(code).toBe(2);
  expect(err.join('')).toMatch(/^imagepin: --role must be web, worker or all \(got "cron"\)\nUsage: imagepin serve/);
});

test('serve --help names the roles', async () => {
  const out: string[] = [];
  expect(await main(['serve', '--help'], { stdout: (t) => void out.push(t), stderr: () => undefined, isTTY: false }, {})).toBe(0);
  expect(out.join('')).toContain('--role worker');
});

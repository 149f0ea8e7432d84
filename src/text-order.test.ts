import { compareText } from './text-order.js';

// Names a tree may hold: case, digits, punctuation, non-ASCII letters, a combining accent.
const NAMES = ['b.yaml', 'B.yaml', 'a/b.yaml', 'a-b.yaml', 'a_b.yaml', 'a.yaml', 'A.yaml', '10.yaml', '9.yaml', 'é.yaml', 'e\u0301.yaml', 'z.yaml', 'Ω.yaml', '.hidden', 'a.yaml'];

test('compareText orders names as localeCompare does (a different sign for no pair)', () => {
  for (const a of NAMES) for (const b of NAMES) expect(Math.sign(compareText(a, b))).toBe(Math.sign(a.localeCompare(b)));
});

test('a sort by compareText is the sort by localeCompare, element for element', () => {
  const byLocale = [...NAMES].sort((a, b) => a.localeCompare(b));
  expect([...NAMES].sort(compareText)).toEqual(byLocale);
  expect([...NAMES].reverse().sort(compareText)).toEqual([...NAMES].reverse().sort((a, b) => a.localeCompare(b)));
});

test('identical strings compare equal', () => {
  expect(compareText('pod.yaml', 'pod.yaml')).toBe(0);
  expect(compareText('', '')).toBe(0);
});

import type { Finding, Severity } from '../rules/types.js';
import { findingOrder } from '../rules/runner.js';
import { FindingSpill } from './finding-spill.js';
import { SpillFile } from './spill.js';

const at = (offset: number) => ({ start: { line: 1, col: offset + 1, offset }, end: { line: 1, col: offset + 2, offset: offset + 1 } });
const finding = (file: string, offset: number, severity: Severity, message: string): Finding => ({ ruleId: 'floating-tag', severity, file, span: at(offset), message, fix: 'f' });

describe('FindingSpill', () => {
  it('gives the order of one stable sort over every finding, occurrences before charts before mirrors', () => {
    // localeCompare order (b.yaml before B.yaml). As runRules finds them: each file's occurrences, then the charts, then the mirrors; ties on position and severity included.
    const occurrences = [[finding('b.yaml', 5, 'warning', 'b1'), finding('b.yaml', 1, 'error', 'b2')], [finding('a.yaml', 3, 'info', 'a1'), finding('a.yaml', 3, 'info', 'a2')], [finding('c.yaml', 0, 'warning', 'elsewhere'), finding('B.yaml', 0, 'info', 'B')]];
    const charts = [[finding('a.yaml', 3, 'info', 'a-chart')], []];
    const mirrors = [[finding('b.yaml', 1, 'error', 'b-mirror')]];
    const spill = new SpillFile();
    try {
      const spilled = new FindingSpill(spill);
      for (const list of occurrences) spilled.add(list, 0);
      for (const list of charts) spilled.add(list, 1);
      for (const list of mirrors) spilled.add(list, 2);
      const { chunks, count } = spilled.ordered();
      const written = JSON.parse(`[${[...spill.copy(chunks, 1)].join('')}]`) as Finding[];
      const expected = [...occurrences.flat(), ...charts.flat(), ...mirrors.flat()].sort(findingOrder);
      expect(written).toEqual(expected);
      expect(written.map((f) => f.message)).toEqual(['a1', 'a2', 'a-chart', 'b2', 'b-mirror', 'b1', 'B', 'elsewhere']);
      expect(count).toBe(8);
      expect([...spilled.severities].sort()).toEqual(['error', 'info', 'warning']);
    } finally {
      spill.close();
    }
  });
});

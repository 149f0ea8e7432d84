import type { ChartRef } from '../model/file-result.js';
import { SpilledFiles } from './spilled-files.js';

const chart = (file: string, name: string) => ({ file, chart: name }) as ChartRef;

describe('SpilledFiles', () => {
  it('gives each file its own charts from the one list, in the order they were added', () => {
    const files = new SpilledFiles();
    files.addCharts([chart('a.yaml', 'one'), chart('a.yaml', 'two')]);
    files.addPlain('a.yaml', ['flux'], { offset: 0, length: 4 });
    files.addPlain('b.yaml', ['compose'], undefined);
    files.addCharts([chart('c.yaml', 'three')]);
    files.addKept({ file: 'c.yaml', formats: ['argocd'], occurrences: [], charts: [], mirrors: [], repositories: [], diagnostics: [{ file: 'c.yaml', code: 'x', message: 'm' } as never] }, undefined);
    expect(files.chartsOf(0).map((c) => c.chart)).toEqual(['one', 'two']);
    expect(files.chartsOf(1)).toEqual([]);
    expect(files.chartsOf(2).map((c) => c.chart)).toEqual(['three']);
    expect(files.charts.map((c) => c.chart)).toEqual(['one', 'two', 'three']);
    expect(files.kept().map((r) => r.file)).toEqual(['c.yaml']);
    expect(files.chunk(0)).toEqual({ offset: 0, length: 4 });
    expect(files.chunk(1)).toBeUndefined();
    // A plain file's result is made when asked; once kept, what is added to it stays.
    files.keep(1).diagnostics.push({ file: 'b.yaml', code: 'y', message: 'n' } as never);
    expect(files.kept().map((r) => r.file)).toEqual(['b.yaml', 'c.yaml']);
    expect(files.result(1).diagnostics).toHaveLength(1);
  });
});

import { age, parseState, renderIssue, type Report } from './render.js';

const report = (over: Partial<Report> = {}): Report => ({ now: Date.parse('2026-11-23T12:00:00Z'), merges: [], missing: [], risks: [], notes: [], deployed: [], waiting: new Map(), ...over });

describe('the tracking issue body', () => {
  it('keeps its state through a round trip, even when a title would end the HTML comment', () => {
    const merge = { sha: 'a'.repeat(40), date: '2026-11-23T09:00:00Z', message: 'Bump --> done | now', paths: ['apps/x.yaml'], units: [], images: [] };
    const body = renderIssue(report({ merges: [merge] }), { v: 1, merges: [merge], commented: [4] });
    expect(body.split('\n').at(-1)!.match(/-->/g)).toHaveLength(1);
    expect(parseState(body)).toEqual({ v: 1, merges: [merge], commented: [4] });
    expect(body).toContain('| `aaaaaaa` | 3 h | Bump --> done \\| now | manifests only (`apps/x.yaml`) | any deployment |');
  });

  it.each([
    ['no state block', 'a person wrote this'],
    ['a state block that is not JSON', '<!-- imagepin:state {"v":1,"merges":[ -->'],
    ['a state of another shape', '<!-- imagepin:state {"v":2} -->'],
  ])('starts afresh from %s', (_name, body) => {
    expect(parseState(body)).toEqual({ v: 1, merges: [], commented: [] });
  });

  it('says ages the way people read them', () => {
    expect([age(59_000), age(61 * 60_000), age(26 * 3_600_000), age(-5)]).toEqual(['0 min', '1 h 1 min', '1 d 2 h', '0 min']);
  });
});

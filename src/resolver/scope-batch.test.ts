import { grantedScopes, ScopeBatch } from './scope-batch.js';

const jwt = (claims: unknown): string => `e30.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.sig`;

describe('grantedScopes', () => {
  test('reads each action of each access entry', () => {
    const token = jwt({ access: [{ type: 'repository', name: 'a/b', actions: ['pull', 'push'] }, { type: 'repository', name: 'c', actions: [] }] });
    expect([...grantedScopes(token)]).toEqual(['repository:a/b:pull', 'repository:a/b:push']);
  });

  test.each([['an opaque token', 'abc123'], ['no access claim', jwt({ sub: 'x' })], ['a payload that is not JSON', 'e30.bm90IGpzb24.sig'], ['malformed entries', jwt({ access: [null, { type: 1 }] })]])('%s grants nothing', (_what, token) => {
    expect(grantedScopes(token).size).toBe(0);
  });
});

describe('ScopeBatch', () => {
  test('scopes wanted together go in one request; one it did not grant, and every one of a failed batch, asks on its own', async () => {
    const asked: string[][] = [];
    const single = (scope: string) => (asked.push([scope]), scope === 's:bad' ? Promise.reject(new Error('refused s:bad')) : Promise.resolve(`own ${scope}`));
    const granting = new ScopeBatch<string>(async (scopes) => (asked.push(scopes), new Map(scopes.filter((s) => s !== 's:b').map((s) => [s, 'shared']))), single);
    expect(await Promise.all(['s:a', 's:b', 's:c'].map((s) => granting.want(s)))).toEqual(['shared', 'own s:b', 'shared']);
    expect(asked).toEqual([['s:a', 's:b', 's:c'], ['s:b']]);
    asked.length = 0;
    const failing = new ScopeBatch<string>(async (scopes) => (asked.push(scopes), Promise.reject(new Error('500'))), single);
    const answers = await Promise.allSettled(['s:a', 's:bad'].map((s) => failing.want(s)));
    expect(answers).toEqual([{ status: 'fulfilled', value: 'own s:a' }, { status: 'rejected', reason: new Error('refused s:bad') }]);
    expect(asked).toEqual([['s:a', 's:bad'], ['s:a'], ['s:bad']]);
  });

  test('at most 10 scopes a request', async () => {
    const sizes: number[] = [];
    const batch = new ScopeBatch<string>(async (scopes) => (sizes.push(scopes.length), new Map(scopes.map((s) => [s, 't']))), async () => 'own');
    await Promise.all(Array.from({ length: 23 }, (_, i) => batch.want(`s:${i}`)));
    expect(sizes).toEqual([10, 10, 3]);
  });
});

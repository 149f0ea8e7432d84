import { appSetSearch, MAX_APPSET_SEARCH, possibleConfigs, readers } from './pr-appsets.js';

test('possible config files: JSON, and YAML without a top-level kind (a nested kind is data)', () => {
  const texts = new Map<string, string | null>([['a/config.yaml', 'release:\n  kind: web\n'], ['a/deploy.yaml', 'apiVersion: v1\nkind: Service\n'], ['a/gone.yaml', null]]);
  expect(possibleConfigs(['a/config.yaml', 'a/deploy.yaml', 'a/gone.yaml', 'b/release.json', 'README.md'], texts)).toEqual(['a/config.yaml', 'b/release.json']);
});

test('the ApplicationSet search: every YAML file of a small tree, only the paths naming Argo CD in a large one, at most the limit', () => {
  expect(appSetSearch(['apps.yaml', 'x/y.yml', 'notes.md', 'c.json'])).toEqual(['apps.yaml', 'x/y.yml']);
  const large = Array.from({ length: MAX_APPSET_SEARCH + 1 }, (_, i) => `apps/app${i}.yaml`);
  expect(appSetSearch([...large, 'platform/argocd/sets.yaml', 'bootstrap/ApplicationSets/web.yaml'])).toEqual(['platform/argocd/sets.yaml', 'bootstrap/ApplicationSets/web.yaml']);
  const argo = Array.from({ length: MAX_APPSET_SEARCH + 5 }, (_, i) => `argocd/s${i}.yaml`);
  expect(appSetSearch(argo)).toHaveLength(MAX_APPSET_SEARCH);
});

test('readers: the ApplicationSets whose files globs match a changed file, and the files matched', () => {
  const set = (glob: string): string => `apiVersion: argoproj.io/v1alpha1\nkind: ApplicationSet\nspec:\n  generators:\n    - git:\n        files:\n          - path: "${glob}"\n`;
  const found = readers([['s1.yaml', set('shops/*/release.json')], ['s2.yaml', set('clusters/*.yaml')], ['s3.yaml', set('other/**')]], ['shops/north/release.json', 'clusters/east.yaml', 'x.json']);
  expect([...found.sets]).toEqual(['s1.yaml', 's2.yaml']);
  expect([...found.matched]).toEqual(['shops/north/release.json', 'clusters/east.yaml']);
});

import { generatorDataFiles } from './pr-generator-files.js';

test('the env files and files: entries of generators, relative to their kustomization, only where the tree has them; broken kustomizations name none', () => {
  const tree = ['apps/web/versions.env', 'apps/web/conf/tag.txt', 'apps/web/secret.env', 'apps/other.env'];
  const texts: [string, string][] = [
    ['apps/web/kustomization.yaml', 'configMapGenerator:\n  - name: a\n    envs: [versions.env, missing.env]\n    files: [tag=conf/tag.txt]\nsecretGenerator:\n  - name: b\n    env: ./secret.env\n  - 7\n'],
    ['apps/web/overlay/kustomization.yaml', 'configMapGenerator:\n  - name: c\n    envs: [../../other.env]\n'],
    ['apps/web/broken/kustomization.yaml', 'configMapGenerator: [unclosed\n'],
    ['apps/web/notes.yaml', 'configMapGenerator:\n  - envs: [../other.env]\n'],
    ['apps/scalar/kustomization.yaml', 'configMapGenerator: text\n'],
  ];
  expect([...generatorDataFiles(texts, tree)].sort()).toEqual(['apps/other.env', 'apps/web/conf/tag.txt', 'apps/web/secret.env', 'apps/web/versions.env']);
});

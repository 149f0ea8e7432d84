import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { originUrl, repositoryOfDir, repositoryOfUrl } from './repository.js';

test('repositoryOfUrl: owner/name from each way git writes a hosted remote; nothing for a local one', () => {
  expect(repositoryOfUrl('https://github.com/Acme/GitOps.git')).toBe('acme/gitops');
  expect(repositoryOfUrl('https://token@github.com/acme/gitops/')).toBe('acme/gitops');
  expect(repositoryOfUrl('git@github.com:acme/gitops.git')).toBe('acme/gitops');
  expect(repositoryOfUrl('ssh://git@gitlab.example.com:2222/group/sub/gitops.git')).toBe('group/sub/gitops');
  expect(repositoryOfUrl('/srv/git/gitops.git')).toBeUndefined();
  expect(repositoryOfUrl('file:///srv/git/gitops.git')).toBeUndefined();
  expect(repositoryOfUrl('../gitops')).toBeUndefined();
  expect(repositoryOfUrl('https://github.com/')).toBeUndefined();
});

test("originUrl: the first url of [remote \"origin\"], whatever the other sections, comments and quotes", () => {
  const config = [
    '[core]', '\trepositoryformatversion = 0',
    '[remote "upstream"]', '\turl = https://github.com/other/fork.git',
    '; a comment', '[remote "origin"]', '\tfetch = +refs/heads/*:refs/remotes/origin/*', '\tURL = "git@github.com:acme/gitops.git" # ours',
    '\turl = https://mirror.example.com/acme/gitops.git',
    '[branch "main"]', '\tremote = origin', '',
  ].join('\n');
  expect(originUrl(config)).toBe('git@github.com:acme/gitops.git');
  expect(originUrl('[remote "upstream"]\n\turl = https://github.com/other/fork.git\n')).toBeUndefined();
});

describe('repositoryOfDir', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'imagepin-repo-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('a clone: its .git/config', async () => {
    mkdirSync(join(dir, '.git'));
    writeFileSync(join(dir, '.git', 'config'), '[remote "origin"]\n\turl = https://github.com/acme/gitops\n');
    await expect(repositoryOfDir(dir)).resolves.toBe('acme/gitops');
    // A folder inside the clone is not the repository's top: Argo CD paths would not be relative to it.
    mkdirSync(join(dir, 'apps'));
    await expect(repositoryOfDir(join(dir, 'apps'))).resolves.toBeUndefined();
  });

  test('a worktree: the .git file points to its folder, whose commondir holds the config', async () => {
    mkdirSync(join(dir, 'main', '.git', 'worktrees', 'wip'), { recursive: true });
    writeFileSync(join(dir, 'main', '.git', 'config'), '[remote "origin"]\n\turl = git@github.com:acme/gitops.git\n');
    writeFileSync(join(dir, 'main', '.git', 'worktrees', 'wip', 'commondir'), '../..\n');
    mkdirSync(join(dir, 'wip'));
    writeFileSync(join(dir, 'wip', '.git'), `gitdir: ${join(dir, 'main', '.git', 'worktrees', 'wip')}\n`);
    await expect(repositoryOfDir(join(dir, 'wip'))).resolves.toBe('acme/gitops');
  });

  test('no git, no origin, or an unreadable .git: not known', async () => {
    await expect(repositoryOfDir(dir)).resolves.toBeUndefined();
    writeFileSync(join(dir, '.git'), 'not a pointer\n');
    await expect(repositoryOfDir(dir)).resolves.toBeUndefined();
  });
});

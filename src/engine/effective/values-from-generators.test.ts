import { MemorySource } from '../../sources/memory.js';
import { scanSource } from '../scan.js';

// HelmRelease valuesFrom targetPath values from a configMapGenerator's env files and files, and Helm --set parsing (decision 0048).

const release = (entries: string): string => `apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: relay
spec:
  valuesFrom:
    - kind: ConfigMap
      name: relay-values
${entries}`;
const pin = (name: string, key: string, path = 'image.tag', extra = ''): string => `    - kind: ConfigMap\n      name: ${name}\n      valuesKey: ${key}\n      targetPath: ${path}\n${extra}`;
const values = 'image:\n  repository: ghcr.io/example/relay\n  tag: 1.0.0\nsidecars:\n  - image:\n      repository: ghcr.io/example/a\n      tag: 0.1.0\n  - image:\n      repository: ghcr.io/example/b\n      tag: 0.2.0\n';
const kustomization = (generators: string): string => `kind: Kustomization
resources: [hr.yaml]
generatorOptions:
  disableNameSuffixHash: true
configMapGenerator:
  - name: relay-values
    files: [values.yaml]
${generators}`;
const cm = (data: string): string => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: relay-pin\ndata:\n${data}`;

/** What the release runs for each image of relay/values.yaml: the reference, or the reason it is not known; with the provenance of a targetPath. */
async function runs(files: Record<string, string>): Promise<string[]> {
  const inventory = await scanSource(new MemorySource({ 'relay/values.yaml': values, ...files }));
  expect(inventory.diagnostics).toEqual([]);
  return inventory.occurrences.filter((o) => o.file === 'relay/values.yaml').flatMap((o) => (o.effective ?? []).filter((e) => e.for?.kind === 'flux-helm-release').map((e) =>
    `${o.raw} -> ${e.reference?.canonical ?? `unknown: ${e.unknown}`}${e.provenance.filter((p) => p.kind === 'flux-target-path').map((p) => ` (${p.file}:${p.line})`).join('')}`));
}

test('a targetPath value from an env file of the generator: KEY=VALUE lines as kustomize reads them', async () => {
  const files = {
    'relay/kustomization.yaml': kustomization('  - name: relay-env\n    envs: [versions.env]\n'),
    'relay/versions.env': '# pinned by hand\n\n  RELAY_TAG=1.4.2\nOTHER="x"\n',
    'relay/hr.yaml': release(pin('relay-env', 'RELAY_TAG')),
  };
  expect(await runs(files)).toEqual(['ghcr.io/example/relay:1.0.0 -> ghcr.io/example/relay:1.4.2 (relay/versions.env:3)']);
  // The older `env:` field; a line without `=` takes its value from kustomize's environment, which the tree does not hold.
  const fromEnv = { ...files, 'relay/kustomization.yaml': kustomization('  - name: relay-env\n    env: versions.env\n'), 'relay/versions.env': 'RELAY_TAG\n' };
  expect(await runs(fromEnv)).toEqual([
    'ghcr.io/example/relay:1.0.0 -> unknown: ConfigMap relay-env key RELAY_TAG (valuesFrom of relay/hr.yaml line 9): versions.env (relay/kustomization.yaml line 9) names RELAY_TAG without a value: kustomize takes it from the environment it runs in',
  ]);
  // One key from a literal and an env file: kustomize fails to build the ConfigMap.
  const twice = { ...files, 'relay/kustomization.yaml': kustomization('  - name: relay-env\n    envs: [versions.env]\n    literals: [RELAY_TAG=9.9.9]\n') };
  expect((await runs(twice))[0]).toContain('has the key RELAY_TAG twice, so kustomize fails to build it');
  // An env file that is not in the tree, or is not one kustomize builds.
  const absent = { ...files, 'relay/kustomization.yaml': kustomization('  - name: relay-env\n    envs: [gone.env]\n') };
  expect((await runs(absent))[0]).toContain('the env file gone.env of configMapGenerator relay-env (relay/kustomization.yaml line 9) is not a file imagepin read');
  expect((await runs({ ...files, 'relay/versions.env': 'RELAY TAG=1\n' }))[0]).toContain('line 1: "RELAY TAG" is not an environment variable name, so kustomize fails to build it');
});

test('a targetPath value from a generator files: entry is the whole file; a line break at its end is kept by Helm, so it is not guessed', async () => {
  const files = {
    'relay/kustomization.yaml': kustomization('  - name: relay-tag\n    files: [tag=release/tag.txt]\n'),
    'relay/release/tag.txt': '2.0.1',
    'relay/hr.yaml': release(pin('relay-tag', 'tag')),
  };
  expect(await runs(files)).toEqual(['ghcr.io/example/relay:1.0.0 -> ghcr.io/example/relay:2.0.1 (relay/release/tag.txt:1)']);
  expect(await runs({ ...files, 'relay/release/tag.txt': '2.0.1\n' })).toEqual([
    'ghcr.io/example/relay:1.0.0 -> unknown: ConfigMap relay-tag key tag (valuesFrom of relay/hr.yaml line 9), the file relay/release/tag.txt of configMapGenerator relay-tag in relay/kustomization.yaml sets image.tag to "2.0.1\\n", but it holds a line break, which Helm\'s --set parsing keeps in the value',
  ]);
});

test('Helm --set parsing of a targetPath and its value: list indexes, quotes; commas, lists, null and escaped dots are not guessed', async () => {
  const base = { 'relay/kustomization.yaml': kustomization(''), 'relay/pin.yaml': cm('  tag: "\'0.2.9\'"\n  many: 1.0,extra=1\n  list: "{a,b}"\n  none: "null"\n  plain: 0.2.8\n') };
  const run = async (entries: string): Promise<string[]> => runs({ ...base, 'relay/hr.yaml': release(entries) });
  expect(await run(pin('relay-pin', 'tag', 'sidecars[1].image.tag'))).toEqual(['ghcr.io/example/b:0.2.0 -> ghcr.io/example/b:0.2.9 (relay/pin.yaml:6)']);
  const reasons = async (key: string, path = 'image.tag', extra = ''): Promise<string> => (await run(pin('relay-pin', key, path, extra))).join('\n');
  expect(await reasons('many')).toContain('sets image.tag to "1.0,extra=1", but it holds a comma or a backslash, which Helm\'s --set parsing reads as more keys or an escape');
  expect(await reasons('list')).toContain("but it starts with {, which Helm's --set parsing reads as a list");
  expect(await reasons('none')).toContain("but Helm's --set parsing reads null as a null, which removes the key");
  // An escaped dot names a key with a dot in it: imagepin does not read it, so it may set any part.
  const escaped = (await run(pin('relay-pin', 'plain', 'image\\.tag'))).map((line) => line.replace(/ ->.*targetPath/, ' -> ...'));
  expect(escaped).toEqual(['ghcr.io/example/relay:1.0.0', 'ghcr.io/example/a:0.1.0', 'ghcr.io/example/b:0.2.0'].map((raw) => `${raw} -> ... image\\.tag as a key (an escaped dot or an empty part)`));
  // literal: true applies where --set and --set-literal read the value alike, and says so where they do not.
  expect(await run(pin('relay-pin', 'plain', 'image.tag', '      literal: true\n'))).toEqual(['ghcr.io/example/relay:1.0.0 -> ghcr.io/example/relay:0.2.8 (relay/pin.yaml:10)']);
  expect(await reasons('tag', 'image.tag', '      literal: true\n')).toContain(`literal: true keeps "'0.2.9'" as written (--set-literal), as --set it is 0.2.9; imagepin does not know which the cluster's helm-controller applies`);
});

test('a valuesFrom Secret the tree generates: a plain literal or env line is read; SOPS-encrypted values and whole files are not', async () => {
  const secret = (name: string, key: string): string => `    - kind: Secret\n      name: ${name}\n      valuesKey: ${key}\n      targetPath: image.tag\n`;
  const generators = '  - name: relay-values-unused\n    literals: [x=y]\nsecretGenerator:\n  - name: relay-secret\n    literals: [tag=1.5.0]\n    envs: [secret.sops.env]\n    files: [values.yaml=secret-values.yaml]\n';
  const files = {
    'relay/kustomization.yaml': kustomization(generators),
    'relay/secret.sops.env': 'SEALED=ENC[AES256_GCM,data:Zm9v,iv:YmFy,tag:YmF6,type:str]\nsops_version=3.9.0\n',
    'relay/secret-values.yaml': 'image:\n  tag: 9.9.9\n',
  };
  expect(await runs({ ...files, 'relay/hr.yaml': release(secret('relay-secret', 'tag')) })).toEqual(['ghcr.io/example/relay:1.0.0 -> ghcr.io/example/relay:1.5.0 (relay/kustomization.yaml:12)']);
  expect((await runs({ ...files, 'relay/hr.yaml': release(secret('relay-secret', 'SEALED')) }))[0]).toContain('Secret relay-secret key SEALED (valuesFrom of relay/hr.yaml line 9), a line of the env file relay/secret.sops.env is SOPS-encrypted (ENC[...]): Flux decrypts it, imagepin does not');
  const whole = release('    - kind: Secret\n      name: relay-secret\n');
  expect((await runs({ ...files, 'relay/hr.yaml': whole }))[0]).toContain('is the file secret-values.yaml of a secretGenerator (relay/kustomization.yaml line 14), which may be SOPS-encrypted: imagepin does not read it as values');
  // A Secret the tree does not generate stays unknown, as before.
  expect((await runs({ ...files, 'relay/hr.yaml': release(secret('relay-other', 'tag')) }))[0]).toContain('values from Secret relay-other (valuesFrom of relay/hr.yaml line 9) are not in the repository');
});

// The CLI as one ES module bundle (and lazily loaded chunks) in dist/bin/, run by `npm run build`
// after tsc: Node then reads a handful of files at start-up instead of some 200 modules
// (docs/decisions/0031-cli-bundle.md). The App and the Action stay as tsc writes them.
// Usage: node scripts/bundle.mjs [OUTDIR]   (dist/bin by default; the startup bench bundles its own)
import { rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import process from 'node:process';
import { build } from 'esbuild';

// yaml is CommonJS: esbuild gives each module that imports it a namespace object whose every name
// is a getter, called on every use (`import_yaml.isScalar(node)`), about 2 % of a scan's CPU. Our
// modules import it from one ES module of the bundle's own instead, which reads each name once at
// load; the code that runs is yaml's, unchanged. Packages that use yaml keep esbuild's own path.
const yamlIndex = createRequire(import.meta.url).resolve('yaml');
const yamlNames = Object.keys(createRequire(import.meta.url)('yaml')).filter((n) => n !== 'default' && /^[A-Za-z_$][\w$]*$/.test(n));
const yamlOnce = {
  name: 'yaml-names-once',
  setup(b) {
    b.onResolve({ filter: /^yaml$/ }, (args) => (args.importer.includes('node_modules') ? undefined : { path: 'yaml', namespace: 'yaml-once' }));
    b.onLoad({ filter: /.*/, namespace: 'yaml-once' }, () => ({
      contents: `import yaml from ${JSON.stringify(yamlIndex)};\nexport const { ${yamlNames.join(', ')} } = yaml;\nexport default yaml;\n`,
      loader: 'js',
      resolveDir: process.cwd(),
    }));
  },
};

const outdir = process.argv[2] ?? 'dist/bin';
// The folder is the bundle's own: chunks of an earlier build (other hashes) would pile up there.
rmSync(outdir, { recursive: true, force: true });
const result = await build({
  entryPoints: { imagepin: 'src/cli/index.ts' },
  outdir,
  bundle: true,
  splitting: true, // the CLI's per-command dynamic imports stay lazy: one chunk each
  format: 'esm',
  platform: 'node',
  target: 'node22',
  chunkNames: 'chunks/[name]-[hash]',
  // Bundled CommonJS dependencies call require() for Node's built-in modules; ES modules have none.
  banner: { js: "import { createRequire as __imagepinRequire } from 'node:module'; const require = __imagepinRequire(import.meta.url);" },
  legalComments: 'linked',
  logLevel: 'warning',
  metafile: Boolean(process.env.IMAGEPIN_BUNDLE_META),
  plugins: [yamlOnce],
});
// Node looks for the package.json that scopes each module it loads (is it an ES module?), walking up
// from the module's folder: with one in each folder of the bundle it stops at the first, and the
// ~80 lookups of a missing file per start-up go (decision 40). They name no package, so
// src/package-root.ts walks on to imagepin's own package.json.
const scope = `${JSON.stringify({ type: 'module' })}\n`;
for (const dir of [outdir, `${outdir}/chunks`]) writeFileSync(`${dir}/package.json`, scope);
// Which inputs went into which chunk: test/cli/bundle.test.ts checks that scan --offline stays lazy.
if (process.env.IMAGEPIN_BUNDLE_META) writeFileSync(process.env.IMAGEPIN_BUNDLE_META, JSON.stringify(result.metafile));

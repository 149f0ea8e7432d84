import { docsBase, projectHome, rawFileUrl } from './doc-links.js';

test.each([
  [{ repository: 'git+https://github.com/acme/imagepin.git' }, 'https://github.com/acme/imagepin/blob/HEAD/docs'],
  [{ repository: { url: 'https://github.com/acme/tools', directory: 'packages/imagepin' } }, 'https://github.com/acme/tools/blob/HEAD/packages/imagepin/docs'],
  [{ repository: 'github:acme/imagepin' }, 'https://github.com/acme/imagepin/blob/HEAD/docs'],
  [{ homepage: 'https://imagepin.example.com' }, undefined],
  [{}, undefined],
])('docs links come from package.json %j', (pkg, expected) => {
  expect(docsBase({}, pkg)).toBe(expected);
});

test('IMAGEPIN_DOCS_URL overrides package.json; the home falls back to the homepage', () => {
  expect(docsBase({ IMAGEPIN_DOCS_URL: 'https://docs.internal/imagepin/' }, { repository: 'github:acme/imagepin' })).toBe('https://docs.internal/imagepin');
  expect(projectHome({ homepage: 'https://imagepin.example.com' })).toBe('https://imagepin.example.com');
});

test.each([
  [{ repository: 'git+https://github.com/acme/imagepin.git' }, 'https://raw.githubusercontent.com/acme/imagepin/HEAD/docs/config.schema.json'],
  [{ repository: { url: 'https://github.com/acme/tools', directory: 'packages/imagepin/' } }, 'https://raw.githubusercontent.com/acme/tools/HEAD/packages/imagepin/docs/config.schema.json'],
  [{ repository: 'https://gitlab.com/acme/imagepin.git' }, 'https://gitlab.com/acme/imagepin/-/raw/HEAD/docs/config.schema.json'],
  [{ repository: 'https://git.example.com/acme/imagepin' }, undefined],
  [{ homepage: 'https://imagepin.example.com' }, undefined],
])('the raw address of a repository file comes from package.json %j', (pkg, expected) => {
  expect(rawFileUrl('docs/config.schema.json', pkg)).toBe(expected);
});

import { docsBase, projectHome } from './doc-links.js';

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

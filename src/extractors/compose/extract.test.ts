import { extractFixture } from '../../../test/helpers/summary.js';

test('compose services, with pull_policy and shell-style variables reported as templated', () => {
  const { occurrences, result } = extractFixture(new URL('.', import.meta.url), 'docker-compose.yml');
  expect(result.formats).toEqual(['compose']);
  expect(occurrences).toEqual([
    {
      ref: 'ghcr.io/acme/web:${WEB_TAG:-1.0.0}', shape: 'string', path: 'services.web.image', skip: 'templated', pullPolicy: 'always', workload: 'compose service web',
      parts: { image: '3:12-3:46 ghcr.io/acme/web:${WEB_TAG:-1.0.0}' },
    },
    {
      ref: 'docker.io/library/postgres:16', shape: 'string', path: 'services.db.image', workload: 'compose service db',
      parts: { image: '6:12-6:23 postgres:16', repository: '6:12-6:20 postgres', tag: '6:21-6:23 16' },
    },
  ]);
});

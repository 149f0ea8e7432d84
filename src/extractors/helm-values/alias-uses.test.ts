import { extractFile } from '../index.js';

const notesOf = (text: string) => extractFile('values.yaml', text).occurrences.map((o) => `${o.raw} @${o.path.join('.')}${o.notes ? ` | ${o.notes.join(' | ')}` : ''}`);

test('a container merged from an anchor is one occurrence, noted with the places that take it', () => {
  const values = [
    'controllers:',
    '  api:',
    '    containers:',
    '      app: &shared',
    '        image: {repository: ghcr.io/acme/shop, tag: 2.3.1}',
    '        env: {MODE: api}',
    '  jobs:',
    '    containers:',
    '      app:',
    '        <<: *shared',
    '        command: [shop, worker]',
    '  cron:',
    '    containers:',
    '      app: *shared',
    '',
  ].join('\n');
  expect(notesOf(values)).toEqual([
    'ghcr.io/acme/shop:2.3.1 @controllers.api.containers.app.image | also taken by controllers.jobs.containers.app.image through `<<: *shared` and controllers.cron.containers.app.image through `*shared`: the image is written once, so a pin here changes all 3',
  ]);
});

test('a merge that writes its own image takes nothing; an inline merge map is still read', () => {
  const values = [
    'base: &b',
    '  image: {repository: ghcr.io/acme/base, tag: 1.0.0}',
    'web:',
    '  <<: *b',
    '  image: {repository: ghcr.io/acme/web, tag: 4.1.0}',
    'side:',
    '  <<: {image: {repository: ghcr.io/acme/side, tag: 0.9.2}}',
    '',
  ].join('\n');
  expect(notesOf(values)).toEqual([
    'ghcr.io/acme/base:1.0.0 @base.image',
    'ghcr.io/acme/web:4.1.0 @web.image',
    'ghcr.io/acme/side:0.9.2 @side.<<.image',
  ]);
});

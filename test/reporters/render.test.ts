import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { marked } from 'marked';
import { toMarkdown } from '../../src/reporters/markdown.js';
import { describeWithBinary } from '../harness/binaries.js';
import { dumpDom, screenshot } from '../harness/chromium.js';
import { hugeScenario, scenarios, type Scenario } from './scenarios.js';

const require = createRequire(import.meta.url);
const css = readFileSync(require.resolve('github-markdown-css/github-markdown-light.css'), 'utf8');
const out = fileURLToPath(new URL('../out/render/', import.meta.url));
/** GitHub's comment column on a laptop: the comment box is 760 px wide, its body padded 16 px. */
const WIDTH = 760;

/**
 * The page: each comment as GitHub renders it (GFM to HTML, GitHub's CSS, every <details> opened
 * so folded parts are measured too). A script records every element wider than its box.
 */
function page(comments: { name: string; markdown: string }[]): string {
  const articles = comments.map((c) => `<article class="markdown-body" data-name="${c.name}">${marked.parse(c.markdown, { gfm: true, async: false })}</article>`).join('\n<hr>\n');
  return `<!doctype html><html><head><meta charset="utf-8"><style>${css}
body { margin: 0; width: ${WIDTH}px; } .markdown-body { box-sizing: border-box; padding: 16px; }</style></head>
<body>${articles}<pre id="imagepin-result"></pre><script>
for (const d of document.querySelectorAll('details')) d.open = true;
const wide = [];
for (const el of document.querySelectorAll('article *')) {
  if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible') wide.push(el.closest('article').dataset.name + ': <' + el.tagName.toLowerCase() + '> ' + el.textContent.slice(0, 80));
  const box = el.getBoundingClientRect();
  if (box.right > ${WIDTH} + 0.5) wide.push(el.closest('article').dataset.name + ': <' + el.tagName.toLowerCase() + '> ends at ' + Math.round(box.right) + 'px: ' + el.textContent.slice(0, 80));
}
document.getElementById('imagepin-result').textContent = JSON.stringify({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth, wide });
</script></body></html>`;
}

describeWithBinary('chromium', 'apt-get install chromium', 'the comment as GitHub renders it, at 760 px', () => {
  let all: Scenario[];
  beforeAll(async () => {
    all = [...(await scenarios()), await hugeScenario()];
    mkdirSync(out, { recursive: true });
  });

  test('no horizontal scrolling anywhere, folded parts included; screenshots saved for a person to look at', async () => {
    const links = { linkBase: 'https://github.com/acme/gitops/blob/0123abc4567890def0123abc4567890def012345/', docs: 'https://github.com/acme/imagepin/blob/HEAD/docs' };
    const comments = all.map((s) => ({ name: s.name, markdown: toMarkdown(s.inventory, s.findings, { ...links, failOn: s.config.failOn }) }));
    // The notes scenario's blocks carry notes (issue 16): they are measured with the rest.
    expect(comments.find((c) => c.name === 'notes')?.markdown).toContain('Note: the default of Tekton param');
    // A control the check must catch: the old five-column table, which scrolled sideways at 760 px.
    const row = '| `apps/metallb/deploy.yaml:10` | `quay.io/metallb/controller:main` | `sha256:2346d423adcf…` | floating-tag: a floating tag that moves | Pin it: `quay.io/metallb/controller:main@sha256:2346d423adcf1e3949d106a5a52e089cda5a844779844fb56f2a58a946647997` |';
    const control = { name: 'control', markdown: `| Where | Image | Resolved | Risk | Fix |\n|---|---|---|---|---|\n${row}\n` };
    const file = `${out}comments.html`;
    writeFileSync(file, page([...comments, control]));
    const dom = await dumpDom(pathToFileURL(file).href, WIDTH);
    const json = /<pre id="imagepin-result">([^<]*)<\/pre>/.exec(dom)?.[1];
    expect(json).toBeDefined();
    const result = JSON.parse(json!.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&')) as { scrollWidth: number; clientWidth: number; wide: string[] };
    expect(result.wide.filter((w) => !w.startsWith('control:'))).toEqual([]);
    expect(result.wide.some((w) => w.startsWith('control: <table>'))).toBe(true);
    expect(result.scrollWidth).toBeLessThanOrEqual(result.clientWidth);
    for (const name of ['floating-tags', 'mirror-states', 'notes']) {
      const one = `${out}${name}.html`;
      writeFileSync(one, page(comments.filter((c) => c.name === name)));
      await screenshot(pathToFileURL(one).href, `${out}${name}.png`, WIDTH, 1400);
    }
  }, 240_000);
});

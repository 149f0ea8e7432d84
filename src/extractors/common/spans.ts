import type { ScalarNode, Span } from '../../model/position.js';
import type { YamlView } from '../../yaml/view.js';

/**
 * The span of characters [from, to) of a scalar's value. Exact for plain and quoted one-line
 * scalars whose source spells the value literally; otherwise (escapes, folding, block scalars)
 * the whole node, which is still the right thing for a fixer to replace.
 */
export function valueSpan(view: YamlView, node: ScalarNode, value: string, from = 0, to = value.length): Span {
  const quoted = node.style === 'single' || node.style === 'double';
  if (node.style !== 'plain' && !quoted) return node.span;
  const start = node.span.start.offset + (quoted ? 1 : 0);
  if (view.fileText.slice(start, start + value.length) !== value) return node.span;
  return { start: view.filePosition(start + from), end: view.filePosition(start + to) };
}

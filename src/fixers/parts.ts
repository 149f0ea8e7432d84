import type { Part } from '../model/occurrence.js';
import type { Edit } from './types.js';

/** A part's characters can be replaced only when they are the value itself, not a whole escaped or block scalar. */
export function isLiteral(part: Part | undefined): part is Part {
  return part !== undefined && (part.node.style === 'plain' || part.node.style === 'single' || part.node.style === 'double');
}

/** Replaces exactly the characters of a part (inside its quotes). */
export function replacePart(part: Part, text: string): Edit {
  return { start: part.span.start.offset, end: part.span.end.offset, text };
}

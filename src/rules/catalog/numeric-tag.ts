import type { Rule } from '../types.js';

/** An unquoted tag that YAML reads as a number: `tag: 3.10` is 3.1, so Helm renders `python:3.1`. */
export const numericTag: Rule = {
  id: 'numeric-tag',
  severity: 'error',
  summary: 'An unquoted YAML tag that parses as a number (3.10 becomes 3.1)',
  occurrence({ occ }) {
    const numeric = occ.numericTag;
    const span = occ.parts.tag?.span;
    if (!numeric || !span) return undefined;
    const fix = `Quote it: \`tag: "${numeric.source}"\`.`;
    if (numeric.source !== numeric.asNumber) {
      return { message: `The unquoted tag \`${numeric.source}\` is the number ${numeric.asNumber} to YAML, so the image deployed is \`…:${numeric.asNumber}\`, not \`…:${numeric.source}\`.`, fix, span };
    }
    return { message: `The unquoted tag \`${numeric.source}\` is read as a number; it survives only while it has no trailing zero.`, fix, span, severity: 'info' };
  },
};

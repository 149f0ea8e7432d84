import { spanOf } from '../describe.js';
import type { Rule } from '../types.js';

/** A reference filled in at deploy time: reported, never guessed. */
export const unresolvableTemplate: Rule = {
  id: 'unresolvable-template',
  severity: 'info',
  summary: 'The reference contains {{ }}, ${VAR} or the like, so it is reported and not guessed',
  occurrence({ occ }) {
    if (occ.skipReason !== 'templated') return undefined;
    return {
      message: `\`${occ.raw}\` is templated (${occ.skipDetail}), so imagepin cannot check which image it becomes.`,
      fix: 'Write the image literally where you can, or add the file to ignore.paths if it is checked elsewhere.',
      span: spanOf(occ, ['image', 'tag', 'repository']),
    };
  },
};

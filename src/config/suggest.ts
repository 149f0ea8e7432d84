import { closestMatch } from 'leven';

/**
 * The known name a typo most likely meant: the same name in another case, else the closest by
 * Levenshtein distance within a third of its length (at least 1, at most 3 edits), so `rulez`
 * gets `rules` but `colour` gets no guess among unrelated keys.
 */
export function didYouMean(typed: string, known: readonly string[]): string | undefined {
  const sameCase = known.find((k) => k.toLowerCase() === typed.toLowerCase());
  if (sameCase) return sameCase;
  const maxDistance = Math.min(3, Math.max(1, Math.floor(typed.length / 3)));
  return closestMatch(typed, known, { maxDistance });
}

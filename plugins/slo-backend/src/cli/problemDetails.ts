/**
 * What a problem of the portal's own parsers found, expected and suggests,
 * as `(found: …; expected: …; did you mean: …)` after its message.
 *
 * @internal
 */
export function problemDetails(problem: {
  found?: string;
  expected?: string;
  didYouMean?: string;
}): string {
  const parts = [
    problem.found !== undefined ? `found: ${problem.found}` : undefined,
    problem.expected !== undefined
      ? `expected: ${problem.expected}`
      : undefined,
    problem.didYouMean !== undefined
      ? `did you mean: ${problem.didYouMean}`
      : undefined,
  ].filter(Boolean);
  return parts.length > 0 ? ` (${parts.join('; ')})` : '';
}

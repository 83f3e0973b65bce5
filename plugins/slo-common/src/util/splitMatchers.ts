/**
 * Label matchers split at top-level commas (commas inside quoted values
 * stay), trimmed: `a="1",b=~"x,y"` gives `a="1"` and `b=~"x,y"`.
 *
 * @public
 */
export function splitMatchers(matchers: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (let index = 0; index < matchers.length; index++) {
    const char = matchers[index];
    if (char === '\\' && quoted) {
      current += char + (matchers[index + 1] ?? '');
      index++;
      continue;
    }
    if (char === '"') quoted = !quoted;
    if (char === ',' && !quoted) {
      if (current.trim() !== '') parts.push(current.trim());
      current = '';
    } else current += char;
  }
  if (current.trim() !== '') parts.push(current.trim());
  return parts;
}

/**
 * A histogram's base name with its matchers written one way (`, ` between
 * matchers), so the same histogram always reads the same.
 *
 * @public
 */
export function joinMetricMatchers(metric: string, matchers: string[]): string {
  return matchers.length === 0 ? metric : `${metric}{${matchers.join(', ')}}`;
}

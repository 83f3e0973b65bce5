/**
 * Most whitespace characters in a row that a selector or query may hold.
 * Indented multi-line PromQL needs a few dozen at most; long runs only make
 * regular expressions that look at queries slow (a run of 100,000 spaces
 * kept the backend busy for seconds per page view).
 */
export const MAX_WHITESPACE_RUN = 100;

/**
 * What is wrong with the text of a selector or query before any pattern looks
 * at it, or undefined. Linear in the text's length.
 */
export function queryTextProblem(text: string): string | undefined {
  let run = 0;
  let longest = 0;
  for (let index = 0; index < text.length; index++) {
    if (/\s/.test(text[index])) {
      run++;
      if (run > longest) longest = run;
    } else {
      run = 0;
    }
  }
  if (longest > MAX_WHITESPACE_RUN) {
    return `It holds ${longest} whitespace characters in a row; queries never need more than ${MAX_WHITESPACE_RUN}. Remove them.`;
  }
  return undefined;
}

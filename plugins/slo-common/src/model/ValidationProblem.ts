/**
 * One problem found in an entity's SLO declarations. Validation never throws on
 * user input; it returns every problem at once.
 *
 * @public
 */
export interface ValidationProblem {
  entityRef: string;
  /** The annotation that holds the problem. */
  annotation: string;
  /** Path inside the parsed value, e.g. `[1].sli.ratio.good`; empty for the whole value. */
  path: string;
  /** What is wrong, in a sentence that also says how to fix it. */
  message: string;
  /** What was found, shortened for display. */
  found?: string;
  /** What is expected. */
  expected?: string;
  /** For misspelled keys: the closest valid key (or value). */
  didYouMean?: string;
  /** The SLO the problem belongs to, when known. */
  sloName?: string;
  /** The file the problem is in, for definitions read from OpenSLO files. */
  location?: string;
}

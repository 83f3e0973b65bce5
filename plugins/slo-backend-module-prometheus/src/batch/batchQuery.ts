import type { BucketEventQueries } from '@slo-kit/plugin-slo-common';

/**
 * The label that tells a batch query's sides apart. `sum by (<label>)` has
 * removed every other label by then, so it cannot meet one of the data's.
 */
export const BATCH_SIDE_LABEL = 'slo_kit_side';

/** The sides of an SLI's queries: good or bad, and total. */
export type QuerySide = 'good' | 'bad' | 'total';

/** The sides `queries` asks, good or bad first. */
export function querySides(
  queries: BucketEventQueries,
): Array<[QuerySide, string]> {
  const sides: Array<[QuerySide, string]> = [];
  if (queries.good !== undefined) sides.push(['good', queries.good]);
  if (queries.bad !== undefined) sides.push(['bad', queries.bad]);
  sides.push(['total', queries.total]);
  return sides;
}

/**
 * One query for every side of a batch's queries: each side's series marked
 * with {@link BATCH_SIDE_LABEL} by `label_replace` (which changes no value)
 * and joined with `or` (their label sets differ by the mark, so every series
 * of every side is kept).
 */
export function batchQuery(queries: BucketEventQueries): string {
  return querySides(queries)
    .map(
      ([side, query]) =>
        `label_replace(${query}, "${BATCH_SIDE_LABEL}", "${side}", "", "")`,
    )
    .join(' or ');
}

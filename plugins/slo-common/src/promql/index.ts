export { promDuration, leftOpenRange } from './promDuration';
export {
  splitSelector,
  joinSelector,
  type SelectorParts,
} from './splitSelector';
export { leRegex } from './leMatcher';
export {
  bucketEventQueries,
  eventCountQuery,
  histogramSelectors,
  promNumber,
  substituteWindow,
  timeSliceValueQuery,
  type BucketEventQueries,
  type PromqlOptions,
} from './sliQueries';
export {
  compositeErrorRatioQuery,
  errorRatioQuery,
  sliRatioQuery,
} from './windowQueries';
export { prometheusSliProblems } from './prometheusSliProblems';
export {
  literalAlternation,
  parseLabelMatchers,
  promqlString,
  type LabelMatcher,
} from './labelMatchers';
export * from './batch';

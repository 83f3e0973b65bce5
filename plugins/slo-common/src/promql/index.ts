export { promDuration, leftOpenRange } from './promDuration';
export {
  splitSelector,
  joinSelector,
  type SelectorParts,
} from './splitSelector';
export { leRegex } from './leMatcher';
export {
  bucketEventQueries,
  compositeErrorRatioQuery,
  errorRatioQuery,
  eventCountQuery,
  histogramSelectors,
  promNumber,
  sliRatioQuery,
  substituteWindow,
  timeSliceValueQuery,
  type BucketEventQueries,
  type PromqlOptions,
} from './sliQueries';
export { prometheusSliProblems } from './prometheusSliProblems';

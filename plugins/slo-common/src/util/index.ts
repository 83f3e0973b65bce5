export { didYouMean, levenshtein } from './didYouMean';
export { describeType } from './describeType';
export { splitMatchers } from './splitMatchers';

export * from './SloCorrection';
export { parseRecurrenceRule } from './parseRecurrenceRule';
export { correctionOccurrences, countCorrectionOccurrences } from './correctionOccurrences';
export { excludeCorrectedBuckets, mergedOccurrences } from './excludeCorrectedBuckets';
export { parseCorrections } from './parseCorrections';
export type { EntityCorrections } from './parseCorrections';
export { correctionTargets } from './readCorrection';
export type { CorrectableSlo } from './readCorrection';

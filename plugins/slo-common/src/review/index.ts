export * from './burnEpisodes';
export * from './reviewPeriods';
export * from './reliabilityTargets';
export * from './reviewTypes';
export * from './settledReviewPeriods';
export * from './reviewRollup';

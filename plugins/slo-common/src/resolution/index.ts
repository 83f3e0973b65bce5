export * from './storageBucketSeconds';
export * from './alertRulesFor';
export * from './historyResolution';
export * from './seriesStep';

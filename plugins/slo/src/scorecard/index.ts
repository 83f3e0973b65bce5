export * from './toCsv';
export * from './groupTree';
export * from './sloTable';
export * from './orgSummary';
export * from './scorecardCsv';

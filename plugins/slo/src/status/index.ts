export * from './health';
export * from './dataState';
export * from './describeSli';
export * from './sloSummary';
export * from './errorMessage';
export * from './alertEpisode';

export * from './health';
export * from './statusColors';
export * from './dataState';
export * from './describeSli';
export * from './sloSummary';
export * from './errorMessage';
export * from './alertEpisode';
export * from './composites';

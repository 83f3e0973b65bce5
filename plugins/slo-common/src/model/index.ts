export * from './annotations';
export * from './SloDefinition';
export * from './ValidationProblem';
export * from './EventBucket';
export * from './SloEvaluation';

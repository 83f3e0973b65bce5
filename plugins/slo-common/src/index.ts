/**
 * Common types, annotation parsing and the pure SLO math shared by the SLO
 * plugin's frontend, backend, source modules and CLI.
 *
 * @packageDocumentation
 */

export * from './model';
export * from './api';
export * from './math';
export * from './resolution';
export * from './parse';
export * from './openslo';
export * from './util';
export * from './promql';
export * from './rules';
export * from './review';
export * from './suggestions';
export * from './composites';
export * from './corrections';
export * from './gate';

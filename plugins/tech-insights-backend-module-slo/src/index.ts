/**
 * A Tech Insights module that publishes SLO facts per entity: has SLOs, SLOs
 * meeting, all meeting, worst budget remaining, paging now, definition
 * problems.
 *
 * @packageDocumentation
 */

export { techInsightsModuleSlo as default } from './module';
export { createSloFactRetriever, SLO_FACT_RETRIEVER_ID } from './createSloFactRetriever';
export { sloFacts, type SloFacts } from './sloFacts';

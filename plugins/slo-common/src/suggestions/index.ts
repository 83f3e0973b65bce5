export type { SloSuggestion } from './SloSuggestion';
export { STANDARD_OBJECTIVES, suggestedObjective } from './suggestedObjective';
export {
  SLO_METRICS_ID_ANNOTATION,
  serviceIdentities,
  suggestionCandidates,
  type SuggestionCandidate,
} from './suggestionCandidates';
export { suggestionAnnotation } from './suggestionAnnotation';

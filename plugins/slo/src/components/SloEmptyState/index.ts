export { SloEmptyState, SloProblems, ANNOTATIONS_DOCS_URL } from './SloEmptyState';
export type { SloEmptyStateProps, SloProblemsProps } from './SloEmptyState';
export { exampleAnnotation } from './exampleAnnotation';
export { SloSuggestions, suggestionAnnotationBlock } from './SloSuggestions';
export type { SloSuggestionsProps } from './SloSuggestions';

import { stringify } from 'yaml';
import type { SloSuggestion } from './SloSuggestion';

/**
 * The `slo-kit.dev/templates` value that turns suggestions into SLOs: one
 * key per template with its matched parameters and the suggested objective,
 * one per line, e.g.
 * `istio-availability: {workload: checkout, objective: 99.5}`.
 *
 * @public
 */
export function suggestionAnnotation(suggestions: readonly SloSuggestion[]): string {
  return suggestions
    .map(
      suggestion =>
        `${suggestion.template}: ${stringify(
          { ...suggestion.parameters, objective: suggestion.objective },
          { collectionStyle: 'flow', lineWidth: 0 },
        ).trim()}`,
    )
    .join('\n');
}

import type { Entity } from '@backstage/catalog-model';
import { hasSloAnnotations, suggestionAnnotation, SLO_TEMPLATES_ANNOTATION, type SliTemplate } from '@slo-kit/plugin-slo-common';
import { stringify } from 'yaml';
import type { SloSourceRegistry } from '../sources/SloSourceRegistry';
import { findSuggestions, type EntitySuggestions } from '../suggestions/findSuggestions';

const percent = (fraction: number) => `${(Math.floor(fraction * 100000) / 1000).toFixed(3)}%`;

/**
 * Suggestions for the entities of catalog files that declare no SLOs (the
 * others are left out), one
 * entity at a time (the source's own concurrency limit applies inside).
 *
 * @internal
 */
export async function suggestFromSources(options: {
  entities: Entity[];
  templates: readonly SliTemplate[];
  sources: SloSourceRegistry;
  at: number;
}): Promise<EntitySuggestions[]> {
  const results: EntitySuggestions[] = [];
  for (const entity of options.entities) {
    if (hasSloAnnotations(entity)) continue;
    results.push(await findSuggestions({ entity, templates: options.templates, sources: options.sources, at: options.at }));
  }
  return results;
}

/**
 * The suggestions as catalog YAML: per entity with suggestions, a comment
 * with each figure and a document with only the annotation to add, so a
 * platform team can paste them into one pull request.
 *
 * @internal
 */
export function formatSuggestionsYaml(results: EntitySuggestions[], entities: Entity[]): string {
  const documents: string[] = [];
  for (const result of results) {
    if (result.suggestions.length === 0) continue;
    const entity = entities.find(e => `${e.kind}:${e.metadata.namespace ?? 'default'}/${e.metadata.name}`.toLowerCase() === result.entityRef)!;
    const [first] = result.suggestions;
    const comments = [
      `# ${result.entityRef}: ${result.suggestions.length} suggested SLO(s), from the 30 days to ${new Date(first.windowEnd * 1000).toISOString()}`,
      ...result.suggestions.map(
        s =>
          `#   ${s.template}${s.family ? ` (${s.family})` : ''}: ${percent(s.attainment)} of ${s.total.toLocaleString('en-US')} events -> objective ${s.objective}%`,
      ),
    ];
    const document = stringify({
      apiVersion: entity.apiVersion,
      kind: entity.kind,
      metadata: {
        name: entity.metadata.name,
        ...(entity.metadata.namespace ? { namespace: entity.metadata.namespace } : {}),
        annotations: { [SLO_TEMPLATES_ANNOTATION]: `${suggestionAnnotation(result.suggestions)}\n` },
      },
    });
    documents.push(`${comments.join('\n')}\n${document}`);
  }
  return documents.join('---\n');
}

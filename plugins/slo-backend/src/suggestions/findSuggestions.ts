import type { Entity } from '@backstage/catalog-model';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  parseEntitySlos,
  SLO_TEMPLATES_ANNOTATION,
  suggestedObjective,
  suggestionCandidates,
  type SliTemplate,
  type SloDefinition,
  type SloSuggestion,
} from '@slo-kit/plugin-slo-common';
import { stringify } from 'yaml';
import type { SloSourceRegistry } from '../sources/SloSourceRegistry';

/** How far back a suggestion looks: the default SLO window. */
export const SUGGESTION_WINDOW_SECONDS = 30 * 86400;
/** Suggestions read hourly buckets: 720 points per query for 30 days. */
const SUGGESTION_BUCKET_SECONDS = 3600;

/**
 * What the search found for one entity: its suggestions, and for every
 * template tried without a suggestion, why ("no data for ...", an attainment
 * below 95%, a source error).
 *
 * @internal
 */
export interface EntitySuggestions {
  entityRef: string;
  suggestions: SloSuggestion[];
  misses: string[];
  /** Source queries issued, for the benchmark and the job's log. */
  queryCount: number;
}

function describe(template: string, parameters: Record<string, string>): string {
  return `${template} ${stringify(parameters, { collectionStyle: 'flow', lineWidth: 0 }).trim()}`;
}

function definitionOf(entity: Entity, template: SliTemplate, parameters: Record<string, string>): SloDefinition | undefined {
  const probe: Entity = {
    ...entity,
    metadata: {
      ...entity.metadata,
      annotations: { [SLO_TEMPLATES_ANNOTATION]: stringify({ [template.name]: parameters }, { collectionStyle: 'flow' }) },
    },
  };
  return parseEntitySlos(probe, { templates: [template] }).slos[0];
}

/**
 * Finds which templates have data for an entity that declares no SLOs, and
 * suggests for each an objective the service met over the last 30 days
 * (ending on the hour before `at`): the attainment rounded down to a
 * standard objective (`suggestedObjective`). For each template the entity's
 * identities are tried in order (`slo-kit.dev/metrics-id`,
 * `backstage.io/kubernetes-id`, name); the first with events wins. A service
 * that matches several instrumentations gets a suggestion from each.
 *
 * @internal
 */
export async function findSuggestions(options: {
  entity: Entity;
  templates: readonly SliTemplate[];
  sources: SloSourceRegistry;
  at: number;
  signal?: AbortSignal;
  /** Awaited before each source query: the job waits there while a collection cycle runs. */
  beforeQuery?: () => Promise<void>;
}): Promise<EntitySuggestions> {
  const entityRef = stringifyEntityRef(options.entity);
  const end = Math.floor(options.at / SUGGESTION_BUCKET_SECONDS) * SUGGESTION_BUCKET_SECONDS;
  const start = end - SUGGESTION_WINDOW_SECONDS;
  const result: EntitySuggestions = { entityRef, suggestions: [], misses: [], queryCount: 0 };
  for (const group of suggestionCandidates(options.entity, options.templates)) {
    const tried: string[] = [];
    let found = false;
    for (const { template, parameters } of group) {
      const definition = definitionOf(options.entity, template, parameters);
      if (!definition) continue;
      const resolution = options.sources.resolve(definition);
      if (!resolution.ok) {
        result.misses.push(`${describe(template.name, parameters)}: ${resolution.message}`);
        break;
      }
      let good = 0;
      let total = 0;
      try {
        await options.beforeQuery?.();
        const answer = await resolution.source.fetchBuckets({
          sloId: definition.id,
          sli: definition.sli,
          start,
          end,
          bucketSeconds: SUGGESTION_BUCKET_SECONDS,
          countFromFirstSample: true,
          signal: options.signal,
        });
        result.queryCount += answer.queryCount;
        for (const bucket of answer.buckets) {
          good += bucket.good;
          total += bucket.total;
        }
      } catch (error) {
        result.misses.push(`${describe(template.name, parameters)}: ${error instanceof Error ? error.message : String(error)}`);
        found = true; // a source error is not "no data"; do not try other names against a failing source
        break;
      }
      if (total <= 0) {
        tried.push(describe(template.name, parameters));
        continue;
      }
      found = true;
      const objective = suggestedObjective(good, total);
      const attainment = good / total;
      if (objective === undefined) {
        result.misses.push(
          `${describe(template.name, parameters)}: ${(attainment * 100).toFixed(3)}% over the last 30 days, below every standard objective (95% or more)`,
        );
        break;
      }
      result.suggestions.push({
        entityRef,
        template: template.name,
        family: template.family,
        parameters,
        windowStart: start,
        windowEnd: end,
        good,
        total,
        attainment,
        objective,
        templateObjective: typeof template.slo.objective === 'number' ? template.slo.objective : undefined,
      });
      break;
    }
    if (!found && tried.length > 0) result.misses.push(`no data for ${tried.join(', or ')}`);
  }
  return result;
}

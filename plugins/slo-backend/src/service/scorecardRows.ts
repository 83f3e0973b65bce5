import type { Entity } from '@backstage/catalog-model';
import {
  attainmentChangePoints,
  type ScorecardSlo,
  type SloDefinition,
  type SloWindow,
} from '@slo-kit/plugin-slo-common';
import type { SloDefinitionLoader } from '../definitions/SloDefinitionLoader';
import type { SloEvaluator, SloOverview } from '../evaluator/SloEvaluator';
import type { SloSourceRegistry } from '../sources/SloSourceRegistry';
import { ownerRefsOf, type ScorecardRowInput } from './buildScorecard';

/**
 * One scorecard row from an SLO's or a composite SLO's overview: the one
 * place that decides which figures a row carries.
 */
export function scorecardRow(
  entity: Entity,
  slo: { entityRef: string; name: string; window: SloWindow },
  overview: SloOverview,
  demo: boolean,
): ScorecardSlo {
  return {
    entityRef: slo.entityRef,
    entityTitle: entity.metadata.title ?? entity.metadata.name,
    name: slo.name,
    objective: overview.objective,
    window: slo.window.label,
    sli: overview.sli,
    budgetRemaining: overview.budgetRemaining,
    health: overview.health,
    paging: overview.paging,
    ticketing: overview.ticketing,
    dataState: overview.dataState,
    previousPeriodSli: overview.previousPeriodSli,
    previousPeriodVerdict: overview.previousPeriodVerdict,
    changePoints: changePoints(overview),
    sparkline: overview.sparkline,
    demo,
  };
}

/** Points of a scorecard sparkline. */
export const SPARKLINE_POINTS = 30;

/** The calendar period a scorecard compares with: weeks for weekly windows, months otherwise. */
export function comparisonPeriod(definition: SloDefinition): 'week' | 'month' {
  return comparisonPeriodOf(definition.window);
}

/** {@link comparisonPeriod} of a window, for composites as for SLOs. */
export function comparisonPeriodOf(window: SloWindow): 'week' | 'month' {
  if (window.type === 'calendar') {
    return window.unit === 'week' ? 'week' : 'month';
  }
  return window.durationSeconds <= 7 * 86400 ? 'week' : 'month';
}

/**
 * Attainment now minus in the previous period as both are shown, when both
 * periods can be judged: never from a status that is unknown now, nor from a
 * previous period with too little traffic or no data.
 */
export function changePoints(overview: SloOverview): number | null {
  const comparable =
    overview.health !== 'unknown' &&
    overview.sli !== null &&
    overview.previousPeriodSli !== null &&
    (overview.previousPeriodVerdict === 'met' ||
      overview.previousPeriodVerdict === 'missed');
  return comparable
    ? attainmentChangePoints(
        overview.sli!,
        overview.previousPeriodSli!,
        overview.objective,
      )
    : null;
}

/**
 * One scorecard row per SLO of the given entities. Every SLO's states are
 * read in one query; its status, previous period and sparkline come from one
 * read of its buckets, and from none while the evaluator has them cached at
 * the SLO's current data version.
 *
 * @internal
 */
export async function scorecardRows(options: {
  entities: Entity[];
  loader: SloDefinitionLoader;
  evaluator: SloEvaluator;
  sources: SloSourceRegistry;
}): Promise<ScorecardRowInput[]> {
  const { entities, loader, evaluator, sources } = options;
  const loaded = await Promise.all(entities.map(entity => loader.load(entity)));
  const pairs = entities.flatMap((entity, index) =>
    loaded[index].definitions.map(definition => ({ entity, definition })),
  );
  const overviews = await evaluator.overviews(
    pairs.map(p => p.definition),
    { period: comparisonPeriod, sparklinePoints: SPARKLINE_POINTS },
  );
  const ownersOf = new Map<Entity, string[]>();
  return pairs.map(({ entity, definition }, index) => {
    const row = scorecardRow(
      entity,
      definition,
      overviews[index],
      sources.get(sources.sourceNameOf(definition))?.isDemo ?? false,
    );
    let owners = ownersOf.get(entity);
    if (!owners) {
      owners = ownerRefsOf(entity);
      ownersOf.set(entity, owners);
    }
    return { row, ownerRefs: owners };
  });
}

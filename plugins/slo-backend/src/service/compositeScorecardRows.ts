import type { Entity } from '@backstage/catalog-model';
import type { ScorecardSlo } from '@slo-kit/plugin-slo-common';
import type { CompositeSloService } from '../composites/CompositeSloService';
import type { SloSourceRegistry } from '../sources/SloSourceRegistry';
import { ownerRefsOf, type ScorecardRowInput } from './buildScorecard';
import {
  changePoints,
  comparisonPeriodOf,
  SPARKLINE_POINTS,
} from './scorecardRows';

/**
 * One scorecard row per valid composite SLO that the given entities declare
 * (a System's or a Domain's journeys), owned by the declaring entity's owners
 * like the SLOs of a service: a group's scorecard counts the composites of
 * the Systems and Domains it owns. The row's figures are the composite's own
 * evaluation (`CompositeSloService.overview`), with `composite` set to its
 * semantics; `demo` when any member's source is a demo one.
 *
 * @internal
 */
export async function compositeScorecardRows(options: {
  entities: Entity[];
  composites: CompositeSloService;
  sources: SloSourceRegistry;
}): Promise<ScorecardRowInput[]> {
  const { entities, composites, sources } = options;
  const declared = await composites.declaredComposites(entities);
  const overviews = await Promise.all(
    declared.map(d =>
      composites.overview(d, {
        period: comparisonPeriodOf,
        sparklinePoints: SPARKLINE_POINTS,
      }),
    ),
  );
  return declared.map(({ entity, composite, members }, i) => {
    const overview = overviews[i];
    const row: ScorecardSlo = {
      entityRef: composite.entityRef,
      entityTitle: entity.metadata.title ?? entity.metadata.name,
      name: composite.name,
      objective: overview.objective,
      window: composite.window.label,
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
      demo: members.some(
        m => sources.get(sources.sourceNameOf(m.definition))?.isDemo ?? false,
      ),
      composite: composite.semantics,
    };
    return { row, ownerRefs: ownerRefsOf(entity) };
  });
}

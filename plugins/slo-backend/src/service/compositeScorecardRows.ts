import type { Entity } from '@backstage/catalog-model';
import type { ScorecardSlo } from '@slo-kit/plugin-slo-common';
import type { CompositeSloService } from '../composites/CompositeSloService';
import type { SloSourceRegistry } from '../sources/SloSourceRegistry';
import { ownerRefsOf, type ScorecardRowInput } from './buildScorecard';
import {
  comparisonPeriodOf,
  scorecardRow,
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
    const row: ScorecardSlo = {
      ...scorecardRow(
        entity,
        composite,
        overviews[i],
        members.some(
          m => sources.get(sources.sourceNameOf(m.definition))?.isDemo ?? false,
        ),
      ),
      composite: composite.semantics,
    };
    return { row, ownerRefs: ownerRefsOf(entity) };
  });
}

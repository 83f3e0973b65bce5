import { parseEntityRef, type Entity } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import {
  normalizeEntityRef,
  type ScorecardResponse,
} from '@slo-kit/plugin-slo-common';
import { buildScorecardGroups } from './buildScorecard';
import { compositeScorecardRows } from './compositeScorecardRows';
import { scorecardFigures, servicesWithoutSlos } from './scorecardFigures';
import { scorecardRows } from './scorecardRows';
import type { SloServiceOptions } from './SloService';

/**
 * The scorecard of a group (or the organisation, without `groupRef`) from
 * the caller's entities and groups: every SLO's and composite's row, the
 * groups' figures and the summary, each computed in `scorecardFigures`.
 *
 * @internal
 */
export async function computeScorecard(
  options: Pick<
    SloServiceOptions,
    'loader' | 'evaluator' | 'sources' | 'composites'
  >,
  groupRef: string | undefined,
  entities: Entity[],
  groupEntities: Entity[],
  withoutSlos?: {
    services: Array<{ ownerRefs: string[]; hasSuggestion: boolean }>;
  },
): Promise<ScorecardResponse> {
  const { loader, evaluator, sources, composites } = options;
  const [sloRows, compositeRows] = await Promise.all([
    scorecardRows({ entities, loader, evaluator, sources }),
    composites ? compositeScorecardRows({ entities, composites, sources }) : [],
  ]);
  const rows = [...sloRows, ...compositeRows];
  const { groups, rowsOf, membersOf } = buildScorecardGroups(
    groupEntities,
    rows,
    withoutSlos?.services,
  );
  let servicesWithout = withoutSlos?.services;
  let slos = rows.map(r => r.row);
  if (groupRef !== undefined) {
    const ref = normalizeEntityRef(
      parseEntityRef(groupRef, { defaultKind: 'group' }),
    );
    if (!groups.some(g => g.groupRef === ref)) {
      throw new NotFoundError(
        `No group ${ref} in the catalog, or you may not read it. Pass a Group entity ref such as group:default/payments.`,
      );
    }
    slos = rowsOf(ref);
    const members = membersOf(ref);
    servicesWithout = servicesWithout?.filter(service =>
      service.ownerRefs.some(owner => members.has(owner)),
    );
  }
  return {
    now: new Date(evaluator.now() * 1000).toISOString(),
    summary: {
      ...scorecardFigures(slos),
      ...(servicesWithout
        ? { withoutSlos: servicesWithoutSlos(servicesWithout) }
        : {}),
    },
    groups,
    slos,
  };
}

import type { SloDefinition } from '../model/SloDefinition';
import { COMPOSITE_SLOS_ANNOTATION, type CompositeSloDefinition } from './CompositeSlo';

/**
 * An `events` composite as an SLO definition, so that the ordinary
 * `evaluateSlo`, `sloSeries` and `periodHistory` run on its pooled buckets
 * and give attainment, budget, burn rates, alerts and history exactly as for
 * a plain SLO. The SLI is the first member's: the math reads only its kind
 * (events, not slices), which every member of an `events` composite shares.
 *
 * @public
 */
export function compositeAsSloDefinition(
  composite: CompositeSloDefinition,
  members: ReadonlyArray<{ definition: SloDefinition }>,
): SloDefinition {
  const first = members[0]?.definition;
  return {
    id: composite.id,
    entityRef: composite.entityRef,
    name: composite.name,
    ...(composite.description !== undefined ? { description: composite.description } : {}),
    sli: first?.sli ?? { kind: 'ratio', good: { selector: '' }, total: { selector: '' } },
    objectives: [{ name: '', target: composite.objective }],
    window: composite.window,
    labels: {},
    origin: composite.openSlo
      ? { kind: 'openslo', annotation: composite.openSlo.annotation, detail: composite.openSlo.location }
      : { kind: 'annotation', annotation: COMPOSITE_SLOS_ANNOTATION },
  };
}

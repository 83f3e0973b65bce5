import { stringify } from 'yaml';
import type { CompositeSloDefinition } from '../composites/CompositeSlo';
import type { SloDefinition } from '../model/SloDefinition';
import { indicatorOf, timeWindowOf, ToOpenSloOptions } from './toOpenSlo';
import { fieldsOf, OPENSLO_V1 } from './openSloVersions';
import { kebabCase } from '../parse/readFields';

/**
 * What {@link toOpenSloComposite} gives: the OpenSLO document, or why the
 * composite cannot be said in OpenSLO.
 *
 * @public
 */
export type OpenSloCompositeExport = { yaml: string } | { notExported: string };

/**
 * The objective's displayName: the member's id, or, for a member read from an
 * OpenSLO composite (named `<composite>-<objective>` by `readCompositeSlo`),
 * the objective's own name, so that a composite read and written again is
 * the same document.
 */
function objectiveName(composite: CompositeSloDefinition, member: SloDefinition, index: number): { displayName?: string } {
  if (member.entityRef === composite.entityRef) {
    const own = member.objectives[0]?.name ?? '';
    if (own !== '' && member.name === `${composite.name}-${kebabCase(own)}`) return { displayName: own };
    if (own === '' && member.name === `${composite.name}-objective-${index + 1}`) return {};
  }
  return { displayName: member.id };
}

/**
 * Writes a `weighted` composite SLO (annotation `slo-kit.dev/composite-slos`)
 * as an OpenSLO composite SLO (the README's Objectives and "Notes (Composite
 * SLO)", v1 and v2alpha alike): one objective per member, with the member's
 * SLI inline (`indicator`, v2alpha `sli`), the composite's objective as its
 * `target` and the member's weight divided by the sum of the weights as its
 * `compositeWeight`. The spec burns a composite at the weighted sum of its
 * objectives' burn rates; with every target the composite's objective and
 * the weights summing to 1 that is `(1 − Σ wᵢ·SLIᵢ / Σ wᵢ) / (1 − objective)`,
 * the portal's weighted burn rate (equal while every member has events in the
 * window; the portal leaves a member without events out of the mean).
 *
 * Not exported, with the reason: `events` composites (pooled events weigh
 * each member by its traffic, which changes over time; OpenSLO weights are
 * fixed), members whose budgeting methods differ (the spec needs one
 * method for all objectives), and Timeslices members (the spec counts a
 * slice bad when any objective's is). `members` are the members' definitions in
 * member order, as resolved for a caller who may read them all.
 *
 * @public
 */
export function toOpenSloComposite(
  composite: CompositeSloDefinition,
  members: readonly SloDefinition[],
  options: ToOpenSloOptions = {},
): OpenSloCompositeExport {
  if (composite.semantics !== 'weighted') {
    return {
      notExported: `"${composite.name}" pools its members' events, which weighs each member by its traffic at every moment; OpenSLO composites weigh objectives by fixed compositeWeights, so the figures would differ. Only weighted composites are exported.`,
    };
  }
  if (members.length !== composite.members.length || members.length === 0) {
    return { notExported: `"${composite.name}" is exported only with the definitions of all its ${composite.members.length} members.` };
  }
  const apiVersion = options.apiVersion ?? OPENSLO_V1;
  const { indicator } = fieldsOf(apiVersion);
  const indicators = members.map(member => indicatorOf(member, options));
  const methods = [...new Set(indicators.map(entry => entry.budgetingMethod))];
  if (methods.length > 1) {
    return {
      notExported: `"${composite.name}" has members measured by different budgeting methods (${methods.join(', ')}); an OpenSLO composite needs one method for all its objectives.`,
    };
  }
  if (methods[0] === 'Timeslices') {
    return {
      notExported: `"${composite.name}" has members measured by Timeslices; an OpenSLO Timeslices composite counts a slice bad when any objective's slice is bad (the README's Notes (Composite SLO)), not the weighted mean the portal computes.`,
    };
  }
  const totalWeight = composite.members.reduce((sum, member) => sum + member.weight, 0);
  const document = {
    apiVersion,
    kind: 'SLO',
    metadata: { name: composite.name },
    spec: {
      ...(composite.description !== undefined ? { description: composite.description } : {}),
      service: composite.entityRef.split('/').pop() ?? composite.entityRef,
      timeWindow: [timeWindowOf(composite.window)],
      budgetingMethod: methods[0],
      objectives: members.map((member, index) => ({
        ...objectiveName(composite, member, index),
        ...indicators[index].objectiveFields,
        target: composite.objective,
        compositeWeight: Number((composite.members[index].weight / totalWeight).toPrecision(15)),
        [indicator]: { metadata: { name: `${member.name}-sli` }, spec: indicators[index].spec },
      })),
    },
  };
  return { yaml: stringify(document, { lineWidth: 0 }) };
}

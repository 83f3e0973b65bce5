import { SLO_OPENSLO_ANNOTATION } from '../model/annotations';
import { COMPOSITE_SLOS_ANNOTATION, type CompositeSloDefinition } from './CompositeSlo';
import type { EntityComposites } from './parseCompositeSlos';

/**
 * Whether two composites declare the same figures. The entry once advised
 * for an OpenSLO composite wrote its objective in percent to 15 significant
 * digits, so objectives are equal to 1e-12.
 */
function sameFigures(a: CompositeSloDefinition, b: CompositeSloDefinition): boolean {
  const key = (c: CompositeSloDefinition) => JSON.stringify([c.semantics, c.window, c.members]);
  return key(a) === key(b) && Math.abs(a.objective - b.objective) <= 1e-12;
}

/**
 * An entity's composites: those of its {@link COMPOSITE_SLOS_ANNOTATION}
 * annotation (`annotated`, as `parseCompositeSlos` read them) and those read
 * from its OpenSLO files (`fromOpenSlo`, see `parseEntitySlos`), computed
 * alike. Names identify composites (ids, URLs, rules), so an OpenSLO
 * composite named like an annotation's is left out with a problem: the
 * annotation's is kept, as the entry the portal's own format states. When
 * both declare the same composite (the entry once advised for OpenSLO
 * composites), the problem says the entry is no longer needed.
 *
 * @public
 */
export function mergeEntityComposites(
  annotated: EntityComposites,
  fromOpenSlo: readonly CompositeSloDefinition[],
): EntityComposites {
  const byName = new Map(annotated.composites.map(c => [c.name, c]));
  const composites = [...annotated.composites];
  const problems = [...annotated.problems];
  for (const composite of fromOpenSlo) {
    const first = byName.get(composite.name);
    if (!first) {
      byName.set(composite.name, composite);
      composites.push(composite);
      continue;
    }
    const where = `${COMPOSITE_SLOS_ANNOTATION} (entry ${first.position + 1})`;
    problems.push({
      entityRef: annotated.entityRef,
      annotation: SLO_OPENSLO_ANNOTATION,
      path: '',
      sloName: composite.name,
      message:
        sameFigures(first, composite)
          ? `The OpenSLO composite SLO "${composite.name}" is also declared, identically, in ${where}. The portal now computes OpenSLO composites directly: remove that entry from ${COMPOSITE_SLOS_ANNOTATION}.`
          : `The composite SLO name "${composite.name}" is used both by an OpenSLO composite SLO and by ${where}, with different definitions; the entry of ${COMPOSITE_SLOS_ANNOTATION} is the one computed. Give each composite of an entity its own name: rename the OpenSLO SLO (metadata.name) or the entry (name).`,
      found: composite.name,
      expected: `a composite name not used in ${COMPOSITE_SLOS_ANNOTATION}`,
    });
  }
  return { entityRef: annotated.entityRef, composites, problems };
}

import { stringify } from 'yaml';
import type { CompositeSloDefinition } from '../composites/CompositeSlo';

/**
 * The `slo-kit.dev/composite-slos` entry that declares `composite` (read
 * from OpenSLO), as one line of YAML flow mapping: what the entity adds for
 * the portal to show it.
 */
export function compositeAnnotationOf(composite: CompositeSloDefinition): string {
  const { window } = composite;
  const entry = {
    name: composite.name,
    objective: Number((composite.objective * 100).toPrecision(15)),
    window: window.type === 'rolling' ? window.label : { calendar: window.unit, timeZone: window.timeZone },
    semantics: composite.semantics,
    members: composite.members.map(member => ({ slo: member.sloId, weight: member.weight })),
  };
  return stringify([entry], { collectionStyle: 'flow', lineWidth: 0 }).trim();
}

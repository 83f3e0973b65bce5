import { DateTime } from 'luxon';
import type { SloCorrection } from '../corrections/SloCorrection';
import { formatDuration } from '../math/parseDuration';
import type { SloDefinition } from '../model/SloDefinition';
import { CORRECTION_CATEGORY_ANNOTATION, CORRECTION_TIME_ZONE_ANNOTATION } from './readBudgetAdjustments';
import { OPENSLO_V2ALPHA } from './openSloVersions';

/**
 * The corrections of `slos` as OpenSLO v2alpha `BudgetAdjustment` documents,
 * one per correction (by name), matching the SLOs of `slos` that carry it:
 * what {@link applyBudgetAdjustments} reads back as the same corrections.
 * The category and a zone other than UTC go in metadata annotations, since
 * OpenSLO has no fields for them.
 */
export function toBudgetAdjustments(slos: readonly SloDefinition[]): Array<Record<string, unknown>> {
  const byName = new Map<string, { correction: SloCorrection; sloNames: string[] }>();
  for (const slo of slos) {
    for (const correction of slo.corrections ?? []) {
      const entry = byName.get(correction.name) ?? { correction, sloNames: [] };
      entry.sloNames.push(slo.name);
      byName.set(correction.name, entry);
    }
  }
  return [...byName.values()].map(({ correction, sloNames }) => {
    const annotations: Record<string, string> = {};
    if (correction.category !== 'planned-maintenance') annotations[CORRECTION_CATEGORY_ANNOTATION] = correction.category;
    if (correction.timeZone !== 'UTC') annotations[CORRECTION_TIME_ZONE_ANNOTATION] = correction.timeZone;
    return {
      apiVersion: OPENSLO_V2ALPHA,
      kind: 'BudgetAdjustment',
      metadata: { name: correction.name, ...(Object.keys(annotations).length > 0 ? { annotations } : {}) },
      spec: {
        description: correction.reason,
        firstEventStart: DateTime.fromSeconds(correction.start, { zone: 'UTC' }).toISO({ suppressMilliseconds: true }),
        duration: formatDuration(correction.durationSeconds),
        ...(correction.recurrence ? { rrule: correction.recurrence.text } : {}),
        sloMatchers: sloNames.map(sloRef => ({ sloRef })),
      },
    };
  });
}

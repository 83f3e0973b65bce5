import type { SloDefinition } from '../model/SloDefinition';
import { correctionOccurrences } from './correctionOccurrences';
import type { CorrectionCategory, SloCorrection } from './SloCorrection';

/**
 * One occurrence of a correction as the API lists it: the range declared,
 * and the range whose events are excluded (widened to whole buckets).
 *
 * @public
 */
export interface CorrectionOccurrenceListing {
  /** Epoch seconds, as declared. */
  start: number;
  end: number;
  /** Epoch seconds: the whole buckets whose events leave the figures (see `excludeCorrectedBuckets`). */
  excludedStart: number;
  excludedEnd: number;
}

/**
 * A correction of an SLO with its occurrences in a range, for the API and
 * the SLO's page.
 *
 * @public
 */
export interface SloCorrectionListing {
  name: string;
  category: CorrectionCategory;
  reason: string;
  timeZone: string;
  durationSeconds: number;
  /** The recurrence rule as written; absent for a one-off correction. */
  recurrence?: string;
  /** Where it is declared: the annotation, or the OpenSLO file. */
  origin: SloCorrection['origin'];
  /** Occurrences overlapping the range, oldest first. */
  occurrences: CorrectionOccurrenceListing[];
  /** The first occurrence that starts after the range, when there is one (planned maintenance ahead). */
  next?: { start: number; end: number };
}

/**
 * The corrections of an SLO with their occurrences in `[from, to)` and the
 * next one after it; corrections with neither are left out.
 *
 * @public
 */
export function listCorrections(
  definition: Pick<SloDefinition, 'corrections'>,
  range: { from: number; to: number; bucketSeconds: number },
): SloCorrectionListing[] {
  const { from, to, bucketSeconds } = range;
  const listings: SloCorrectionListing[] = [];
  for (const correction of definition.corrections ?? []) {
    const occurrences = correctionOccurrences(correction, { from, to }).map(o => ({
      ...o,
      excludedStart: Math.floor(o.start / bucketSeconds) * bucketSeconds,
      excludedEnd: Math.ceil(o.end / bucketSeconds) * bucketSeconds,
    }));
    const [next] = correctionOccurrences(correction, { from: to, to: Infinity }, 1).filter(o => o.start >= to);
    if (occurrences.length === 0 && !next) continue;
    listings.push({
      name: correction.name,
      category: correction.category,
      reason: correction.reason,
      timeZone: correction.timeZone,
      durationSeconds: correction.durationSeconds,
      ...(correction.recurrence ? { recurrence: correction.recurrence.text } : {}),
      origin: correction.origin,
      occurrences,
      ...(next ? { next } : {}),
    });
  }
  return listings;
}

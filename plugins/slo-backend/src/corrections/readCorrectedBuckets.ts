import {
  excludeCorrectedBuckets,
  type EventBucket,
  type SloDefinition,
} from '@slo-kit/plugin-slo-common';
import type { SloStore } from '../database/SloStore';

/**
 * The one way figures read an SLO's stored buckets: those overlapping
 * `[from, to)`, with every bucket that overlaps one of the SLO's corrections
 * emptied (good and total both 0, see `excludeCorrectedBuckets`).
 *
 * Attainment, budget, burn rates and alert states (the evaluator), recorded
 * burn episodes, series and history, the review's periods and composites
 * (whose members are SLOs) all read through here, so each honours the same
 * corrections; `readCorrectedBuckets.guard.test.ts` fails when code reads
 * `store.readBuckets` directly. The store keeps every bucket as collected:
 * removing a correction brings its events back.
 *
 * @internal
 */
export async function readCorrectedBuckets(
  store: Pick<SloStore, 'readBuckets'>,
  definition: Pick<SloDefinition, 'id' | 'corrections'>,
  range: { from: number; to: number },
): Promise<EventBucket[]> {
  const buckets = await store.readBuckets(definition.id, range);
  // Most SLOs have no corrections: their buckets pass as read, without a copy.
  if (!definition.corrections?.length) return buckets;
  return excludeCorrectedBuckets(buckets, definition.corrections);
}

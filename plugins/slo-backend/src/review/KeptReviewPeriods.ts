import {
  resumeReviewPeriods,
  settleReviewPeriods,
  type EventBucket,
  type ReviewPeriodsInput,
  type SettledReviewPeriods,
  type SloDefinition,
  type SloReviewPeriod,
} from '@slo-kit/plugin-slo-common';
import { readCorrectedBuckets } from '../corrections/readCorrectedBuckets';
import type { SloStore } from '../database/SloStore';
import {
  packReviewValue,
  unpackReviewValue,
  type PackedReviewValue,
} from './reviewCacheEncoding';

/** An SLO's finished periods of one review shape, kept until their buckets change. */
interface KeptPeriods {
  /** What else the figures depend on (a digest): definition, bucket length, minimum, episode rules, periods. */
  key: string;
  /** The SLO's data version when they were computed (unchanged: no bucket was written since). */
  dataVersion: number | null;
  /** `bucketsFingerprint` of the finished periods' buckets, read before them. */
  fingerprint: string;
  /** Encoded: an SLO's four quarters with their episodes are kilobytes as objects. */
  settled: PackedReviewValue<SettledReviewPeriods>;
}

/**
 * Each SLO's finished review periods, by SLO and review shape: after a
 * collection cycle a review reads and computes only each SLO's current
 * period (`resumeReviewPeriods`) while a fingerprint of the finished
 * periods' buckets is unchanged; otherwise it computes every period and
 * keeps the finished ones (`settleReviewPeriods`). At most `maxEntries`
 * are kept, the least recently used evicted first; an evicted SLO's periods
 * are computed again from its buckets, the same figures.
 */
export class KeptReviewPeriods {
  private readonly entries = new Map<string, KeptPeriods>();

  constructor(
    private readonly store: SloStore,
    private readonly maxEntries: number,
  ) {}

  /**
   * The review periods of one SLO, as `reviewPeriods` gives them for
   * `input(buckets)` with every bucket overlapping `[range.from, range.at)`,
   * read with the SLO's corrections applied (`readCorrectedBuckets`; the
   * corrections are part of `key`, since the fingerprint is of the stored
   * buckets).
   * `slot` names the SLO and question, `key` everything else the figures
   * depend on; `range.settledUntil` is the start of the last period computed.
   */
  async periods(request: {
    definition: Pick<SloDefinition, 'id' | 'corrections'>;
    slot: string;
    key: string;
    dataVersion: number | null;
    range: { from: number; settledUntil: number; at: number };
    input: (buckets: EventBucket[]) => ReviewPeriodsInput;
  }): Promise<SloReviewPeriod[]> {
    const { store } = this;
    const { definition, slot, key, dataVersion, input } = request;
    const sloId = definition.id;
    const { from, settledUntil, at } = request.range;
    const kept = this.entries.get(slot);
    if (kept?.key === key) {
      const unchanged =
        (dataVersion !== null && kept.dataVersion === dataVersion) ||
        kept.fingerprint ===
          (await store.bucketsFingerprint(sloId, { from, to: settledUntil }));
      if (unchanged) {
        const settled = unpackReviewValue(kept.settled);
        const later = await readCorrectedBuckets(store, definition, {
          from: settled.resumeFrom,
          to: at,
        });
        const periods = resumeReviewPeriods(input(later), settled);
        if (periods && this.entries.get(slot) === kept) {
          kept.dataVersion = dataVersion;
          // Most recently used: moved to the end of the Map's order.
          this.entries.delete(slot);
          this.entries.set(slot, kept);
        }
        if (periods) {
          return periods;
        }
      }
    }
    // Read before the buckets: a write between the two makes it older than
    // what is kept, so the next review computes everything again.
    const fingerprint = await store.bucketsFingerprint(sloId, {
      from,
      to: settledUntil,
    });
    const buckets = await readCorrectedBuckets(store, definition, { from, to: at });
    const { periods, settled } = settleReviewPeriods(input(buckets));
    this.entries.delete(slot);
    if (settled && settled.settledUntil === settledUntil) {
      if (this.entries.size >= this.maxEntries) {
        // The oldest entry: Maps iterate in insertion order.
        this.entries.delete(this.entries.keys().next().value!);
      }
      this.entries.set(slot, {
        key,
        dataVersion,
        fingerprint,
        settled: packReviewValue(settled),
      });
    }
    return periods;
  }
}

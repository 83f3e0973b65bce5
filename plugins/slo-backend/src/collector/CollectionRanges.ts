import {
  historyResolution,
  type HistoryResolution,
  type SloDefinition,
} from '@slo-kit/plugin-slo-common';
import type { SloSource } from '@slo-kit/plugin-slo-node';
import type { PlannedRange } from './batches/planCycleBatches';
import { planCollection } from './planCollection';
import type { SloCollectorOptions } from './SloCollectorOptions';

const DAY = 86400;

/**
 * What the collector fetches of an SLO in a cycle: its bucket lengths, its
 * history resolution and the ranges to ask for.
 *
 * @internal
 */
export class CollectionRanges {
  constructor(
    private readonly options: Pick<
      SloCollectorOptions,
      'settings' | 'sources' | 'timeZones'
    >,
  ) {}

  /** The ranges an SLO fetches this cycle, with the bucket length asked for each. */
  rangesOf(
    definition: SloDefinition,
    source: SloSource,
    buckets: { storage: number; request: number },
    collectedUntil: number | undefined,
    now: number,
  ): PlannedRange[] {
    return planCollection({
      now,
      collectedUntil,
      resolution: this.resolutionOf(definition, buckets.storage),
      backfillDays: this.options.settings.backfillDays,
      sourceRetentionSeconds: source.capabilities().retentionSeconds,
    }).map(range => ({
      ...range,
      // Hour ranges of event SLIs are asked for in hours; slices always as slices.
      requestSeconds:
        definition.sli.kind === 'timeSlice'
          ? buckets.request
          : Math.max(buckets.request, range.bucketSeconds),
    }));
  }

  /** The stored and requested bucket lengths of an SLO. */
  bucketSizesOf(definition: SloDefinition): {
    storage: number;
    request: number;
  } {
    return this.options.sources.bucketSizesOf(
      definition,
      this.options.settings.bucketSeconds,
    );
  }

  /** How the SLO's history is stored: fine for its windows, coarse beyond. */
  resolutionOf(
    definition: SloDefinition,
    bucketSeconds: number,
  ): HistoryResolution {
    return historyResolution(definition, {
      bucketSeconds,
      fineRetentionSeconds: this.options.settings.fineRetentionDays * DAY,
      timeZones: this.options.timeZones,
    });
  }
}

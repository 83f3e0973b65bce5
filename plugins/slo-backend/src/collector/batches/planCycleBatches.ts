import type { SloDefinition } from '@slo-kit/plugin-slo-common';
import type { SloSource, SloSourceRequest } from '@slo-kit/plugin-slo-node';
import type { SourceResolution } from '../../sources/SloSourceRegistry';
import { rangeChunkSeconds } from '../fetchRange';
import type { BatchedAnswers } from './BatchedAnswers';

/** One range an SLO will fetch this cycle, in stored and requested buckets. */
export interface PlannedRange {
  start: number;
  end: number;
  bucketSeconds: number;
  requestSeconds: number;
}

/**
 * Input of {@link planCycleBatches}.
 *
 * @internal
 */
export interface PlanCycleBatchesInput {
  definitions: readonly SloDefinition[];
  resolve: (definition: SloDefinition) => SourceResolution;
  /** The ranges the SLO's collection will fetch (as `fetchAndStore` plans them). */
  rangesOf: (definition: SloDefinition, source: SloSource) => PlannedRange[];
  /**
   * Whether the SLO's ranges may hold the start of the source's data (a
   * backfill): `fetchRange` then counts its first bucket with data again
   * from the first sample, and that recount is batched as well.
   */
  countsFromFirstSample?: (definition: SloDefinition) => boolean;
  answers: BatchedAnswers;
}

/**
 * Asks every source that batches which of this cycle's requests it can
 * answer together, records those batches in `answers`, and returns the SLOs
 * in the order to collect them: each batch's members one after another (so
 * a batch's answer is held only briefly), then the rest as they came. The
 * requests are the ones `fetchRange` will make, chunk by chunk; a request
 * that turns out different (the SLO's definition changed and it is collected
 * again) is simply asked alone.
 *
 * @internal
 */
export function planCycleBatches(
  input: PlanCycleBatchesInput,
): SloDefinition[] {
  const bySource = new Map<SloSource, SloSourceRequest[]>();
  const byId = new Map<string, SloDefinition>();
  // The first chunk of each backfill range: its stored bucket length.
  const recountOf = new Map<SloSourceRequest, number>();
  for (const definition of input.definitions) {
    const resolution = input.resolve(definition);
    if (!resolution.ok) continue;
    const { source } = resolution;
    if (!source.planBatches || !source.fetchBatch) continue;
    byId.set(definition.id, definition);
    const requests = bySource.get(source) ?? [];
    // Time slices are sampled, never extrapolated: fetchRange recounts nothing.
    const recounts =
      definition.sli.kind !== 'timeSlice' &&
      input.countsFromFirstSample?.(definition) === true;
    for (const range of input.rangesOf(definition, source)) {
      const chunk = rangeChunkSeconds(
        source.capabilities(),
        range.bucketSeconds,
        range.requestSeconds,
      );
      for (let start = range.start; start < range.end; start += chunk) {
        const request: SloSourceRequest = {
          sloId: definition.id,
          sli: definition.sli,
          start,
          end: Math.min(range.end, start + chunk),
          bucketSeconds: range.requestSeconds,
        };
        requests.push(request);
        // Only the first chunk: when the data starts in a later one, that
        // chunk's recount is asked alone (rare: a chunk spans weeks).
        if (recounts && start === range.start) {
          recountOf.set(request, range.bucketSeconds);
        }
      }
    }
    bySource.set(source, requests);
  }

  const first: SloDefinition[] = [];
  const placed = new Set<string>();
  for (const [source, requests] of bySource) {
    for (const batch of source.planBatches!(requests)) {
      if (batch.length === 0) continue;
      input.answers.add(
        source,
        batch,
        batch.map(request => recountOf.get(request)),
      );
      for (const { sloId } of batch) {
        if (placed.has(sloId)) continue;
        placed.add(sloId);
        first.push(byId.get(sloId)!);
      }
    }
  }
  return [
    ...first,
    ...input.definitions.filter(definition => !placed.has(definition.id)),
  ];
}

import type { SloDefinition } from '@slo-kit/plugin-slo-common';
import type { SloCollectionState } from '../database/SloStore';
import type { BatchedAnswers } from './batches/BatchedAnswers';
import { planCycleBatches } from './batches/planCycleBatches';
import { errorMessage, type CollectorContext } from './CollectorContext';

/**
 * Plans the cycle's batches (sources that answer several SLOs with one
 * query) from the stored states, and the order to collect the SLOs in.
 * Planning is an optimisation: if it fails, every SLO is asked alone.
 *
 * @internal
 */
export function planBatches(
  ctx: CollectorContext,
  definitions: SloDefinition[],
  states: ReadonlyMap<string, SloCollectionState>,
  now: number,
  answers: BatchedAnswers,
): SloDefinition[] {
  try {
    return planCycleBatches({
      definitions,
      resolve: definition => ctx.options.sources.resolve(definition),
      rangesOf: (definition, source) =>
        ctx.ranges.rangesOf(
          definition,
          source,
          ctx.ranges.bucketSizesOf(definition),
          states.get(definition.id)?.collectedUntil ?? undefined,
          now,
        ),
      // As fetchAndStore decides: nothing collected yet.
      countsFromFirstSample: definition =>
        (states.get(definition.id)?.collectedUntil ?? undefined) === undefined,
      answers,
    });
  } catch (error) {
    ctx.options.logger.warn(
      `Could not plan batched source queries; asking each SLO alone this cycle: ${errorMessage(
        error,
      )}`,
    );
    return definitions;
  }
}

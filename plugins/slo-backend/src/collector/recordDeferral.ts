import type { SloDefinition } from '@slo-kit/plugin-slo-common';
import type { Deferral } from './budget/CycleBudgetGate';
import { errorMessage, type CollectorContext } from './CollectorContext';

/**
 * Records that a query budget left the SLO for a later cycle; never throws.
 *
 * @internal
 */
export async function recordDeferral(
  ctx: CollectorContext,
  definition: SloDefinition,
  now: number,
  deferral: Deferral,
): Promise<void> {
  try {
    await ctx.options.store.recordDeferral(definition.id, now * 1000, deferral);
  } catch (error) {
    ctx.options.logger.warn(
      `Could not record that SLO ${
        definition.id
      } waits for its source's query budget: ${errorMessage(error)}`,
    );
  }
}

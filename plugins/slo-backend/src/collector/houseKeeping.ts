import type { SloDefinition } from '@slo-kit/plugin-slo-common';
import type { CollectionSummary } from './CollectionSummary';
import type { CollectorContext } from './CollectorContext';
import { compactFineHistory } from './compactFineHistory';

const DAY = 86400;

/**
 * The end of a cycle: packs and compacts old buckets, then applies
 * retention, filling in the summary's counts.
 *
 * Housekeeping never costs the cycle its record: a failure here (a deadlock
 * victim, one SLO's unreadable packed day) is logged, the stored buckets
 * read as before, and the next cycle tries again.
 *
 * @internal
 */
export async function houseKeeping(
  ctx: CollectorContext,
  definitions: SloDefinition[],
  now: number,
  summary: CollectionSummary,
): Promise<void> {
  const { store, settings, logger } = ctx.options;
  try {
    summary.compacted = await compactFineHistory({
      store,
      now,
      resolutions: definitions.map(definition => ({
        sloId: definition.id,
        resolution: ctx.ranges.resolutionOf(
          definition,
          ctx.ranges.bucketSizesOf(definition).storage,
        ),
      })),
    });
  } catch (error) {
    logger.warn(
      `Could not pack and compact old SLO buckets this cycle; they stay as stored and the next cycle tries again: ${error}`,
    );
  }
  try {
    summary.deleted = await store.deleteOlderThan(
      now - settings.retentionDays * DAY,
    );
  } catch (error) {
    logger.warn(
      `Could not delete SLO history older than ${settings.retentionDays} days this cycle; the next cycle tries again: ${error}`,
    );
  }
}

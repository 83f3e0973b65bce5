import {
  longestAlertWindowSeconds,
  type SloDefinition,
} from '@slo-kit/plugin-slo-common';

/**
 * Burn rates look back this far: the longest alert window (3 days for a
 * 30-day period).
 *
 * @internal
 */
export function longestAlertWindow(
  definition: SloDefinition,
  bucketSeconds: number,
): number {
  return longestAlertWindowSeconds(definition.window, { bucketSeconds });
}

/**
 * The SLO with the portal-wide `slo.minimumEvents` when it sets none itself.
 *
 * @internal
 */
export function withMinimumEvents(
  definition: SloDefinition,
  minimumEvents: number,
): SloDefinition {
  return definition.minimumEvents === undefined && minimumEvents > 0
    ? { ...definition, minimumEvents }
    : definition;
}

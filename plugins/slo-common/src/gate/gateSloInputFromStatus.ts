import type { SloStatus } from '../api/types';
import type { GateSloInput } from './evaluateGate';

/**
 * The gate's figures of an SLO as the API returns it (its primary
 * objective's stored evaluation), with the source's last error or the last
 * successful collection as the detail of data that cannot be trusted.
 *
 * @public
 */
export function gateSloInputFromStatus(status: SloStatus): GateSloInput {
  const [primary] = status.evaluations;
  const { collection } = status;
  const detail =
    collection.lastError ??
    (collection.lastSuccessAt
      ? `last collected successfully at ${collection.lastSuccessAt}`
      : 'never collected');
  if (!primary) {
    return {
      name: status.definition.name,
      dataState: 'error',
      dataDetail: detail,
      sli: null,
      budgetRemaining: null,
      burnRates: {},
      alerts: [],
      health: 'unknown',
    };
  }
  return {
    name: status.definition.name,
    dataState: primary.dataState,
    ...(primary.dataState === 'ok' ? {} : { dataDetail: detail }),
    sli: primary.sli,
    budgetRemaining: primary.errorBudget.remainingFraction,
    burnRates: primary.burnRates,
    alerts: primary.alerts,
    health: primary.health,
  };
}

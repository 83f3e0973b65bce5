import { useApi } from '@backstage/frontend-plugin-api';
import type { SloHistoryResponse } from '@slo-kit/plugin-slo-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { sloApiRef } from '../api';
import type { AsyncResult } from './useEntitySlos';

/** How many periods the history shows. */
export const HISTORY_PERIODS = 12;

/**
 * One SLO's attainment for the last 12 weeks or months. With
 * `enabled: false` nothing is requested until it becomes true. With
 * `composite: true`, `name` is a composite SLO's.
 *
 * @public
 */
export function useSloHistory(options: {
  entityRef: string;
  name: string;
  period: 'week' | 'month';
  enabled?: boolean;
  composite?: boolean;
}): AsyncResult<SloHistoryResponse> {
  const api = useApi(sloApiRef);
  const {
    entityRef,
    name,
    period,
    enabled = true,
    composite = false,
  } = options;
  return useAsyncRetry(async () => {
    if (!enabled) {
      return undefined;
    }
    const request = { entityRef, name, period, count: HISTORY_PERIODS };
    if (!composite) {
      return api.getHistory(request);
    }
    if (!api.getCompositeHistory) {
      throw new Error('This SLO API reads no history of composite SLOs.');
    }
    return api.getCompositeHistory(request);
  }, [api, entityRef, name, period, enabled, composite]);
}

import { useApi } from '@backstage/frontend-plugin-api';
import type { SloHistoryResponse } from '@slo-kit/plugin-slo-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { sloApiRef } from '../api';
import type { AsyncResult } from './useEntitySlos';

/** How many periods the history shows. */
export const HISTORY_PERIODS = 12;

/**
 * One SLO's attainment for the last 12 weeks or months. With
 * `enabled: false` nothing is requested until it becomes true.
 *
 * @public
 */
export function useSloHistory(options: {
  entityRef: string;
  name: string;
  period: 'week' | 'month';
  enabled?: boolean;
}): AsyncResult<SloHistoryResponse> {
  const api = useApi(sloApiRef);
  const { entityRef, name, period, enabled = true } = options;
  return useAsyncRetry(
    async () =>
      enabled
        ? api.getHistory({ entityRef, name, period, count: HISTORY_PERIODS })
        : undefined,
    [api, entityRef, name, period, enabled],
  );
}

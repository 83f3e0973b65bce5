import { useApi } from '@backstage/frontend-plugin-api';
import type { SloHistoryResponse } from '@slo-kit/plugin-slo-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { sloApiRef } from '../api';
import type { AsyncResult } from './useEntitySlos';

/** How many periods the history shows. */
export const HISTORY_PERIODS = 12;

/**
 * One SLO's attainment for the last 12 weeks or months.
 *
 * @public
 */
export function useSloHistory(options: {
  entityRef: string;
  name: string;
  period: 'week' | 'month';
}): AsyncResult<SloHistoryResponse> {
  const api = useApi(sloApiRef);
  const { entityRef, name, period } = options;
  return useAsyncRetry(
    () => api.getHistory({ entityRef, name, period, count: HISTORY_PERIODS }),
    [api, entityRef, name, period],
  );
}

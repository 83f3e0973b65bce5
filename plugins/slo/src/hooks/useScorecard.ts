import { useApi } from '@backstage/frontend-plugin-api';
import type { ScorecardResponse } from '@slo-kit/plugin-slo-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { sloApiRef } from '../api';
import type { AsyncResult } from './useEntitySlos';

/**
 * The organisation's scorecard, or one group's (with its sub-groups) when `group` is set.
 *
 * @public
 */
export function useScorecard(group?: string): AsyncResult<ScorecardResponse> {
  const api = useApi(sloApiRef);
  return useAsyncRetry(
    () => api.getScorecard(group ? { group } : undefined),
    [api, group],
  );
}

import { useApi } from '@backstage/frontend-plugin-api';
import type { ReliabilityReviewResponse } from '@slo-kit/plugin-slo-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import type { AsyncResult } from '../hooks/useEntitySlos';
import { reviewApiRef, type ReviewRequest } from './ReviewApi';

/**
 * The reliability review of the organisation or one group.
 *
 * @public
 */
export function useReview(
  request: ReviewRequest,
): AsyncResult<ReliabilityReviewResponse> {
  const api = useApi(reviewApiRef);
  const { group, period, count, timeZone } = request;
  return useAsyncRetry(
    () => api.getReview({ group, period, count, timeZone }),
    [api, group, period, count, timeZone],
  );
}

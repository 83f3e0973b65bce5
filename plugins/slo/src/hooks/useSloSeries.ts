import { useApi } from '@backstage/frontend-plugin-api';
import type { SloSeriesResponse } from '@slo-kit/plugin-slo-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { sloApiRef } from '../api';
import type { AsyncResult } from './useEntitySlos';

/**
 * One SLO's series over `rangeSeconds` ending at `now` (epoch seconds; the
 * backend's evaluation time, so demos with a fixed clock line up). With
 * `enabled: false` nothing is requested (and `value` stays unset) until it
 * becomes true, e.g. while the charts are far from the viewport. With
 * `composite: true`, `name` is a composite SLO's and its pooled series is read.
 *
 * @public
 */
export function useSloSeries(options: {
  entityRef: string;
  name: string;
  now: number;
  rangeSeconds: number;
  enabled?: boolean;
  composite?: boolean;
}): AsyncResult<SloSeriesResponse> {
  const api = useApi(sloApiRef);
  const {
    entityRef,
    name,
    now,
    rangeSeconds,
    enabled = true,
    composite = false,
  } = options;
  return useAsyncRetry(async () => {
    if (!enabled) {
      return undefined;
    }
    const request = { entityRef, name, from: now - rangeSeconds, to: now };
    if (!composite) {
      return api.getSeries(request);
    }
    if (!api.getCompositeSeries) {
      throw new Error('This SLO API reads no series of composite SLOs.');
    }
    return api.getCompositeSeries(request);
  }, [api, entityRef, name, now, rangeSeconds, enabled, composite]);
}

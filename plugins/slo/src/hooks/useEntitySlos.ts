import { useApi } from '@backstage/frontend-plugin-api';
import type { EntitySlosResponse } from '@slo-kit/plugin-slo-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { sloApiRef } from '../api';

/**
 * The state of a request: the value once loaded, the error if it failed, and
 * `retry` to ask again. A previous value stays while a new one loads.
 *
 * @public
 */
export interface AsyncResult<T> {
  loading: boolean;
  value?: T;
  error?: Error;
  retry: () => void;
}

/**
 * Every SLO of an entity with its evaluation and validation problems.
 *
 * @public
 */
export function useEntitySlos(entityRef: string): AsyncResult<EntitySlosResponse> {
  const api = useApi(sloApiRef);
  return useAsyncRetry(() => api.getEntitySlos(entityRef), [api, entityRef]);
}

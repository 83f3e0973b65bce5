import { useApi } from '@backstage/frontend-plugin-api';
import type { EntityCompositesResponse } from '@slo-kit/plugin-slo-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { sloApiRef } from '../api';
import type { AsyncResult } from './useEntitySlos';

/**
 * The composite SLOs an entity declares, with their members' contributions.
 * With `enabled: false`, or an API without composites, nothing is requested
 * and `value` stays unset.
 *
 * @public
 */
export function useEntityComposites(
  entityRef: string,
  options: { enabled?: boolean } = {},
): AsyncResult<EntityCompositesResponse> {
  const api = useApi(sloApiRef);
  const { enabled = true } = options;
  return useAsyncRetry(
    async () =>
      enabled && api.getEntityComposites
        ? api.getEntityComposites(entityRef)
        : undefined,
    [api, entityRef, enabled],
  );
}

import { useApi } from '@backstage/frontend-plugin-api';
import type { EntitySuggestionsResponse } from '@slo-kit/plugin-slo-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { sloApiRef } from '../api';
import type { AsyncResult } from './useEntitySlos';

/**
 * The suggested SLOs the backend stored for an entity that declares none;
 * no value when the API has no suggestions (`getEntitySuggestions` is optional).
 *
 * @public
 */
export function useEntitySuggestions(
  entityRef: string,
): AsyncResult<EntitySuggestionsResponse | undefined> {
  const api = useApi(sloApiRef);
  return useAsyncRetry(
    async () => api.getEntitySuggestions?.(entityRef),
    [api, entityRef],
  );
}

import { useRouteRef } from '@backstage/frontend-plugin-api';
import { entityRouteParams, entityRouteRef } from '@backstage/plugin-catalog-react';
import { useCallback } from 'react';

/** The path of the SLO tab below an entity page. */
export const SLO_TAB_PATH = 'slo';

/**
 * Links to an entity's SLO tab, or undefined where the app has no entity
 * pages (then callers show plain text).
 *
 * @public
 */
export function useEntitySloLink(): (entityRef: string) => string | undefined {
  const entityRoute = useRouteRef(entityRouteRef);
  return useCallback(
    (entityRef: string) => {
      if (!entityRoute) {
        return undefined;
      }
      const base = entityRoute(entityRouteParams(entityRef, { encodeParams: true }));
      return `${base.replace(/\/$/, '')}/${SLO_TAB_PATH}`;
    },
    [entityRoute],
  );
}

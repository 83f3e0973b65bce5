import { useRouteRef, type RouteFunc } from '@backstage/core-plugin-api';
import { entityRouteParams, entityRouteRef } from '@backstage/plugin-catalog-react';
import { useCallback } from 'react';

/** The path of the SLO tab below an entity page. */
export const SLO_TAB_PATH = 'slo';

type EntityRouteFunc = RouteFunc<{ name: string; kind: string; namespace: string }>;

/**
 * The entity page route, or undefined where the app has none. Uses the
 * core-plugin-api hook because it resolves routes in both frontend systems.
 * It throws only after calling all of its own hooks, so catching keeps the
 * hook order stable.
 */
function useOptionalEntityRoute(): EntityRouteFunc | undefined {
  try {
    return useRouteRef(entityRouteRef);
  } catch {
    return undefined;
  }
}

/**
 * Links to an entity's SLO tab, or undefined where the app has no entity
 * pages (then callers show plain text).
 *
 * @public
 */
export function useEntitySloLink(): (entityRef: string) => string | undefined {
  const entityRoute = useOptionalEntityRoute();
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

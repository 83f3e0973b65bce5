import { useRouteRef } from '@backstage/frontend-plugin-api';
import { reviewRouteRef } from '../../routes';

/** Where the review page is when the app cannot say (the old frontend system). */
export const DEFAULT_REVIEW_PATH = '/slo-review';

/**
 * The review page's URL for the organisation or one group: the path the app
 * mounted `page:slo/review` at, else `/slo-review`.
 */
export function useReviewHref(groupRef?: string, basePath?: string): string {
  let path = basePath;
  try {
    // Called on every render, so the hook order is stable; only an app
    // without the new frontend system's route resolution throws here.
    // eslint-disable-next-line react-hooks/rules-of-hooks
    path ??= useRouteRef(reviewRouteRef)?.();
  } catch {
    path = undefined;
  }
  const href = path ?? DEFAULT_REVIEW_PATH;
  return groupRef ? `${href}?group=${encodeURIComponent(groupRef)}` : href;
}

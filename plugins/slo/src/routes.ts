import { createRouteRef } from '@backstage/frontend-plugin-api';

/** The scorecard page. */
export const rootRouteRef = createRouteRef();

/** The reliability review page. */
export const reviewRouteRef = createRouteRef();

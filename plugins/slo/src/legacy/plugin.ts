import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  createRouteRef,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import type { JSX } from 'react';
import { SloClient, sloApiRef } from '../api';
import type { EntitySloContentProps } from '../components/EntitySloContent';
import type { EntityGroupReviewCardProps } from '../components/ReviewLinks';
import { ReviewClient, reviewApiRef } from '../review/ReviewApi';

/** Where the legacy app mounts the scorecard page. */
export const legacyRootRouteRef = createRouteRef({ id: 'slo' });

/** Where the legacy app mounts the reliability review page. */
export const legacyReviewRouteRef = createRouteRef({ id: 'slo-review' });

/** Where the legacy app mounts the SLO tab inside an entity page. */
export const legacyEntityContentRouteRef = createRouteRef({
  id: 'slo-entity-content',
});

/**
 * The SLO plugin for apps on the old frontend system.
 *
 * @public
 */
export const sloPlugin = createPlugin({
  id: 'slo',
  apis: [
    createApiFactory({
      api: sloApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new SloClient({ discoveryApi, fetchApi }),
    }),
    createApiFactory({
      api: reviewApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new ReviewClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: {
    root: legacyRootRouteRef,
    entityContent: legacyEntityContentRouteRef,
    review: legacyReviewRouteRef,
  },
});

/**
 * The SLO tab for an `EntityLayout.Route`; show it where
 * `isSloTabAvailable` is true: on service pages, and on System and Domain
 * pages whose entity declares composite SLOs.
 *
 * @public
 */
export const EntitySloContent: (
  props: EntitySloContentProps,
) => JSX.Element = sloPlugin.provide(
  createRoutableExtension({
    name: 'EntitySloContent',
    component: () =>
      import('../components/EntitySloContent').then(m => m.EntitySloContent),
    mountPoint: legacyEntityContentRouteRef,
  }),
);

/**
 * The SLO card for the entity overview page.
 *
 * @public
 */
export const EntitySloCard: () => JSX.Element = sloPlugin.provide(
  createComponentExtension({
    name: 'EntitySloCard',
    component: {
      lazy: () =>
        import('../components/EntitySloCard').then(m => m.EntitySloCard),
    },
  }),
);

/**
 * The team scorecard page, with its own header; mount it on a route such as `/slo`.
 *
 * @public
 */
export const SloScorecardPage: () => JSX.Element = sloPlugin.provide(
  createRoutableExtension({
    name: 'SloScorecardPage',
    component: () =>
      import('./LegacyScorecardPage').then(m => m.LegacyScorecardPage),
    mountPoint: legacyRootRouteRef,
  }),
);

/**
 * The reliability review page, with its own header; mount it on
 * `/slo-review` (the path the scorecard and the Group card link to; pass
 * another to `EntityGroupReviewCard`'s `reviewPath`).
 *
 * @public
 */
export const SloReviewPage: () => JSX.Element = sloPlugin.provide(
  createRoutableExtension({
    name: 'SloReviewPage',
    component: () => import('./LegacyReviewPage').then(m => m.LegacyReviewPage),
    mountPoint: legacyReviewRouteRef,
  }),
);

/**
 * A Group's card linking to its reliability review, for the group entity
 * page's overview.
 *
 * @public
 */
export const EntityGroupReviewCard: (
  props: EntityGroupReviewCardProps,
) => JSX.Element = sloPlugin.provide(
  createComponentExtension({
    name: 'EntityGroupReviewCard',
    component: {
      lazy: () =>
        import('../components/ReviewLinks').then(m => m.EntityGroupReviewCard),
    },
  }),
);

import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import AssessmentOutlined from '@mui/icons-material/AssessmentOutlined';
import SpeedOutlined from '@mui/icons-material/SpeedOutlined';
import { SloClient, sloApiRef } from './api';
import { isSloAvailable, isSloTabAvailable } from './isSloAvailable';
import { ReviewClient, reviewApiRef } from './review/ReviewApi';
import { reviewRouteRef, rootRouteRef } from './routes';

/**
 * The SLO API client. Extension id: `api:slo`.
 *
 * @public
 */
export const sloApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: sloApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) => new SloClient({ discoveryApi, fetchApi }),
    }),
});

/**
 * The team scorecard page at `/slo`, with its nav item "SLOs by team" (short
 * enough for Backstage's sidebar, which cuts "SLO Scorecard" to "SLO Scoreca…").
 * Extension id: `page:slo`.
 *
 * @public
 */
export const sloScorecardPage = PageBlueprint.make({
  params: {
    path: '/slo',
    title: 'SLOs by team',
    icon: <SpeedOutlined />,
    routeRef: rootRouteRef,
    loader: () =>
      import('./components/SloScorecardPage').then(m => <m.SloScorecardPage />),
  },
});

/**
 * The reliability review API client. Extension id: `api:slo/review`.
 *
 * @public
 */
export const sloReviewApi = ApiBlueprint.make({
  name: 'review',
  params: defineParams =>
    defineParams({
      api: reviewApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) => new ReviewClient({ discoveryApi, fetchApi }),
    }),
});

/**
 * The reliability review page at `/slo-review` (`?group=` for one team), with
 * its nav item "SLO review" (Backstage's sidebar cuts "Reliability review" to
 * "Reliability r…"). Extension id: `page:slo/review`.
 *
 * @public
 */
export const sloReviewPage = PageBlueprint.make({
  name: 'review',
  params: {
    path: '/slo-review',
    title: 'SLO review',
    icon: <AssessmentOutlined />,
    routeRef: reviewRouteRef,
    loader: () => import('./components/ReviewPage').then(m => <m.ReviewPage />),
  },
});

/**
 * The "SLOs" tab of entities with SLO annotations, of Systems and Domains
 * with composite SLOs (their journeys, with each member's contribution), and
 * of Components, which without SLOs show the suggested ones. Extension id:
 * `entity-content:slo`.
 *
 * @public
 */
export const entitySloContent = EntityContentBlueprint.make({
  params: {
    path: 'slo',
    title: 'SLOs',
    filter: isSloTabAvailable,
    loader: () =>
      import('./components/EntitySloContent').then(m => <m.EntitySloContent />),
  },
});

/**
 * The SLO card of the entity overview, for entities with SLO annotations.
 * Extension id: `entity-card:slo`.
 *
 * @public
 */
export const entitySloCard = EntityCardBlueprint.make({
  params: {
    filter: isSloAvailable,
    loader: () => import('./components/EntitySloCard').then(m => <m.EntitySloCard />),
  },
});

/**
 * A Group's card with a link to its reliability review. Extension id:
 * `entity-card:slo/group-review`.
 *
 * @public
 */
export const entityGroupReviewCard = EntityCardBlueprint.make({
  name: 'group-review',
  params: {
    filter: entity => entity.kind.toLocaleLowerCase('en-US') === 'group',
    loader: () =>
      import('./components/ReviewLinks').then(m => <m.EntityGroupReviewCard />),
  },
});

/**
 * The SLO plugin for the new frontend system.
 *
 * @public
 */
export const sloPlugin = createFrontendPlugin({
  pluginId: 'slo',
  title: 'SLOs',
  icon: <SpeedOutlined />,
  info: { packageJson: () => import('../package.json') },
  extensions: [sloApi, sloScorecardPage, entitySloContent, entitySloCard, sloReviewApi, sloReviewPage, entityGroupReviewCard],
  routes: {
    root: rootRouteRef,
    review: reviewRouteRef,
  },
});

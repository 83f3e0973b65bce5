import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { Route, Routes } from 'react-router-dom';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import type { ReliabilityReviewResponse } from '@slo-kit/plugin-slo-common';
import {
  EntityGroupReviewCard,
  EntitySloCard,
  EntitySloContent,
  isSloAvailable,
  sloApiRef,
  sloPlugin,
  SloReviewPage,
  SloScorecardPage,
} from './legacy';
import { reviewApiRef, type ReviewApi } from './review/ReviewApi';
import { checkoutEntity, FakeSloApi, plainEntity } from './testing';

/** A review with one team and one quarterly target, at risk. */
const review: ReliabilityReviewResponse = {
  now: '2026-11-20T00:00:00.000Z',
  period: 'quarter',
  timeZone: 'UTC',
  groupRef: null,
  periods: [{ start: 0, end: 1, label: '2026-Q4', current: true }],
  summary: [],
  teams: [
    {
      groupRef: 'group:default/search',
      title: 'Search',
      parentRef: null,
      sloIndexes: [],
      periods: [],
      targets: [
        {
          name: 'quarterly',
          share: 0.95,
          period: 'quarter',
          labels: {},
          periods: [
            {
              label: '2026-Q4',
              judged: 10,
              met: 9,
              shareMet: 0.9,
              status: 'at-risk',
            },
          ],
          current: 'at-risk',
        },
      ],
    },
  ],
  slos: [],
  problems: [],
};
const fakeReviewApi = { getReview: async () => review } as unknown as ReviewApi;

const searchGroup = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'search', namespace: 'default' },
  spec: { type: 'team', profile: { displayName: 'Search' }, children: [] },
};

/** Mounts an element at `/page` of a legacy test app, the way an app's routes would. */
function renderLegacy(
  element: JSX.Element,
  search = '',
  entity = checkoutEntity,
) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [sloApiRef, new FakeSloApi()],
        [reviewApiRef, fakeReviewApi],
      ]}
    >
      <EntityProvider entity={entity}>
        <Routes>
          <Route path="/page" element={element} />
        </Routes>
      </EntityProvider>
    </TestApiProvider>,
    {
      routeEntries: [`/page${search}`],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
}

describe('legacy exports (old frontend system)', () => {
  it('exposes a legacy plugin with the SLO API', () => {
    expect(sloPlugin.getId()).toBe('slo');
    expect([...sloPlugin.getApis()].map(factory => factory.api.id)).toEqual([
      'plugin.slo.api',
      'plugin.slo.review',
    ]);
  });

  it('tells which entities have SLOs', () => {
    expect(isSloAvailable(checkoutEntity)).toBe(true);
    expect(isSloAvailable(plainEntity)).toBe(false);
  });

  it('renders the SLO tab', async () => {
    await renderLegacy(<EntitySloContent />);
    expect(await screen.findByTestId('slo-summary')).toHaveTextContent(
      '2 SLOs',
    );
    await screen.findAllByTestId('slo-history-summary');
  });

  it('renders the overview card', async () => {
    await renderLegacy(<EntitySloCard />);
    expect(await screen.findByTestId('slo-overview-card')).toHaveTextContent(
      '2 SLOs · 1 meeting',
    );
    expect(
      screen.getByRole('link', { name: 'View SLO details' }),
    ).toHaveAttribute('href', '/catalog/default/component/checkout/slo');
  });

  it('renders the scorecard page with its header, reading the team from the URL', async () => {
    await renderLegacy(<SloScorecardPage />, '?group=group%3Adefault%2Fsearch');
    expect(
      await screen.findByRole('heading', { name: 'SLO Scorecard' }),
    ).toBeInTheDocument();
    expect(await screen.findByTestId('scorecard-summary')).toHaveTextContent(
      'Search: 1 service · 2 SLOs',
    );
    expect(
      screen.getAllByRole('link', { name: 'Search API' })[0],
    ).toHaveAttribute('href', '/catalog/default/component/search-api/slo');
  });

  it('renders the reliability review page with its header', async () => {
    await renderLegacy(<SloReviewPage />);
    // The review view, read through the legacy plugin's review API.
    expect(await screen.findByText('Quarters (last 4)')).toBeInTheDocument();
    // The page's own header, which the new frontend system's page supplies itself.
    expect(
      screen.getAllByRole('heading', { name: 'Reliability review' })[0].tagName,
    ).toBe('H1');
  });

  it("links a Group's page to its review", async () => {
    await renderLegacy(<EntityGroupReviewCard />, '', searchGroup);
    expect(await screen.findByTestId('group-review-link')).toHaveAttribute(
      'href',
      '/slo-review?group=group%3Adefault%2Fsearch',
    );
  });

  it("shows the teams' target status and links to the review on the scorecard", async () => {
    await renderLegacy(<SloScorecardPage />);
    expect(
      await screen.findByTestId('scorecard-target-status'),
    ).toHaveTextContent('2026-Q4 so far: at risk');
    expect(screen.getByTestId('scorecard-review-link')).toHaveAttribute(
      'href',
      '/slo-review',
    );
  });
});

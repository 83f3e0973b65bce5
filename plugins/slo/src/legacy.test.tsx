import { EntityProvider, entityRouteRef } from '@backstage/plugin-catalog-react';
import { Route, Routes } from 'react-router-dom';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import {
  EntitySloCard,
  EntitySloContent,
  isSloAvailable,
  sloApiRef,
  sloPlugin,
  SloScorecardPage,
} from './legacy';
import { checkoutEntity, FakeSloApi, plainEntity } from './testing';

/** Mounts an element at `/page` of a legacy test app, the way an app's routes would. */
function renderLegacy(element: JSX.Element, search = '') {
  return renderInTestApp(
    <TestApiProvider apis={[[sloApiRef, new FakeSloApi()]]}>
      <EntityProvider entity={checkoutEntity}>
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
    expect([...sloPlugin.getApis()].map(factory => factory.api.id)).toEqual(['plugin.slo.api']);
  });

  it('tells which entities have SLOs', () => {
    expect(isSloAvailable(checkoutEntity)).toBe(true);
    expect(isSloAvailable(plainEntity)).toBe(false);
  });

  it('renders the SLO tab', async () => {
    await renderLegacy(<EntitySloContent />);
    expect(await screen.findByTestId('slo-summary')).toHaveTextContent('2 SLOs');
    await screen.findAllByTestId('slo-history-summary');
  });

  it('renders the overview card', async () => {
    await renderLegacy(<EntitySloCard />);
    expect(await screen.findByTestId('slo-overview-card')).toHaveTextContent('2 SLOs · 1 meeting');
    expect(screen.getByRole('link', { name: 'View SLO details' })).toHaveAttribute(
      'href',
      '/catalog/default/component/checkout/slo',
    );
  });

  it('renders the scorecard page with its header, reading the team from the URL', async () => {
    await renderLegacy(<SloScorecardPage />, '?group=group%3Adefault%2Fsearch');
    expect(await screen.findByRole('heading', { name: 'SLO Scorecard' })).toBeInTheDocument();
    expect(await screen.findByTestId('scorecard-summary')).toHaveTextContent('Search: 1 service · 2 SLOs');
    expect(screen.getAllByRole('link', { name: 'Search API' })[0]).toHaveAttribute(
      'href',
      '/catalog/default/component/search-api/slo',
    );
  });
});

import { screen } from '@testing-library/react';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import {
  atRiskSlo,
  breachingSlo,
  checkoutEntity,
  demoCalendarSlo,
  entitySlosResponse,
  FakeSloApi,
  healthySlo,
  lowTrafficSlo,
  pagingSlo,
  noDataSlo,
  partialSlo,
  problems,
  staleSlo,
} from '../../testing';
import { renderSlo } from '../../__testUtils__/renderSlo';
import { EntitySloCard } from './EntitySloCard';

describe('EntitySloCard', () => {
  it('shows a compact status of the entity’s SLOs, worst first, with a link to the tab', async () => {
    const api = new FakeSloApi();
    api.entitySlos = async () => entitySlosResponse([healthySlo, breachingSlo, pagingSlo]);
    renderSlo(<EntitySloCard />, {
      api,
      entity: checkoutEntity,
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    });
    // Checkout pages above its target: counted as paging, never as meeting.
    expect(await screen.findByTestId('slo-overview-summary')).toHaveTextContent(
      /^3 SLOs · 1 meeting · 1 paging · 1 breaching$/,
    );
    const rows = screen.getAllByTestId('slo-overview-row');
    expect(rows[0]).toHaveTextContent('Pagingcheckout-orders99.92% of 99.9% · budget 22%');
    expect(rows[1]).toHaveTextContent('Breachingcheckout-availability99.87% of 99.9% · budget −30% (overspent)');
    expect(rows[2]).toHaveTextContent('Meetingcheckout-latency99.61% of 99% · budget 61%');
    expect(screen.getByRole('link', { name: 'View SLO details' })).toHaveAttribute(
      'href',
      '/catalog/default/component/checkout/slo',
    );
  });

  it('lists five SLOs and counts the rest, with data states and demo data', async () => {
    const api = new FakeSloApi();
    api.entitySlos = async () =>
      entitySlosResponse([healthySlo, breachingSlo, atRiskSlo, noDataSlo, partialSlo, staleSlo, lowTrafficSlo, demoCalendarSlo]);
    renderSlo(<EntitySloCard />, { api, entity: checkoutEntity });
    await screen.findByTestId('slo-overview-card');
    expect(screen.getAllByTestId('slo-overview-row')).toHaveLength(5);
    expect(screen.getByText('and 3 more')).toBeInTheDocument();
    expect(screen.getByTestId('slo-overview-summary')).toHaveTextContent('demo data');
    expect(screen.getByText(/— of 99.9% · budget — · No data/)).toBeInTheDocument();
    // Without entity routes there is nothing to link to.
    expect(screen.queryByRole('link', { name: 'View SLO details' })).not.toBeInTheDocument();
  });

  it('points to the tab when every SLO is invalid', async () => {
    const api = new FakeSloApi();
    api.entitySlos = async () => entitySlosResponse([], problems);
    renderSlo(<EntitySloCard />, { api, entity: checkoutEntity });
    expect(await screen.findByText(/No valid SLOs\. The SLO tab lists the problems/)).toBeInTheDocument();
    expect(screen.getByTestId('slo-overview-summary')).toHaveTextContent('0 SLOs · 0 meeting · 2 definition problems');
  });

  it('shows a failed request', async () => {
    const api = new FakeSloApi();
    api.entitySlos = async () => {
      throw new Error('backend down');
    };
    renderSlo(<EntitySloCard />, { api, entity: checkoutEntity });
    expect(await screen.findByTestId('slo-error')).toHaveTextContent('Could not load the SLOsbackend down');
  });
});

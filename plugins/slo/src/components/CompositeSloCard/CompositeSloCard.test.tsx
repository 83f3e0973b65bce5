import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { COMMERCE_REF, eventsComposite, FakeSloApi, NOW, weightedComposite } from '../../testing';
import { renderSlo } from '../../__testUtils__/renderSlo';
import { CompositeSloCard } from './CompositeSloCard';

const mountedRoutes = { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } };

describe('CompositeSloCard', () => {
  it('shows an events composite like an SLO: status, figures of the pooled evaluation, alert windows', async () => {
    renderSlo(<CompositeSloCard entityRef={COMMERCE_REF} composite={eventsComposite} now={NOW} />, mountedRoutes);
    const card = await screen.findByTestId('composite-slo-card');
    expect(card).toHaveAttribute('data-health', 'paging');
    expect(within(card).getByRole('heading', { level: 2, name: 'checkout-journey' })).toBeInTheDocument();
    expect(within(card).getByTestId('composite-headline')).toHaveTextContent(
      'events composite · 99.9% · rolling 30d · 3 members',
    );
    expect(within(card).getByTestId('slo-attainment-value')).toHaveTextContent('99.92%');
    expect(within(card).getByTestId('slo-budget-value')).toHaveTextContent('22%');
    expect(within(card).getByTestId('slo-burn-rate-value')).toHaveTextContent('20×');
    expect(within(card).getByTestId('slo-episode')).toHaveTextContent('Paging since 09:50 UTC (2 h 10 min)');
    // Charts and history of the pooled events.
    await within(card).findByTestId('slo-chart-sli');
    await within(card).findByTestId('slo-history-summary');
  });

  it('reads the charts and history of the composite, not of an SLO', async () => {
    const api = new FakeSloApi();
    renderSlo(<CompositeSloCard entityRef={COMMERCE_REF} composite={eventsComposite} now={NOW} />, {
      api,
      ...mountedRoutes,
    });
    await screen.findByTestId('slo-chart-sli');
    await screen.findByTestId('slo-history-summary');
    expect(api.calls.map(call => call.method).sort()).toEqual(['getCompositeHistory', 'getCompositeSeries']);
    expect(api.calls[0].args[0]).toMatchObject({ entityRef: COMMERCE_REF, name: 'checkout-journey' });
  });

  it('lists the members by their share of the bad events, with status and a link to their SLOs tab', async () => {
    renderSlo(<CompositeSloCard entityRef={COMMERCE_REF} composite={eventsComposite} now={NOW} />, mountedRoutes);
    const table = within(await screen.findByRole('table', { name: 'Member contributions of checkout-journey' }));
    const rows = table.getAllByTestId('composite-member');
    expect(rows.map(row => row.getAttribute('data-member'))).toEqual([
      'component:default/checkout/checkout-availability',
      'component:default/payment-gateway/availability',
      'hidden',
    ]);
    expect(within(rows[0]).getByTestId('composite-member-share')).toHaveTextContent('67%');
    expect(within(rows[1]).getByTestId('composite-member-share')).toHaveTextContent('33%');
    expect(within(rows[0]).getByTestId('slo-health')).toHaveAttribute('data-health', 'paging');
    expect(within(rows[1]).getByTestId('slo-health')).toHaveAttribute('data-health', 'met');
    expect(within(rows[0]).getByTestId('composite-member-sli')).toHaveTextContent('99.91%');
    expect(rows[0]).toHaveTextContent('5,200of 6,000,000');
    expect(within(rows[0]).getByRole('link', { name: 'checkout' })).toHaveAttribute(
      'href',
      '/catalog/default/component/checkout/slo',
    );
    expect(within(rows[1]).getByRole('link', { name: 'payment-gateway' })).toHaveAttribute(
      'href',
      '/catalog/default/component/payment-gateway/slo',
    );
  });

  it('shows a member the caller may not read as "another entity", without link or figures', async () => {
    renderSlo(<CompositeSloCard entityRef={COMMERCE_REF} composite={eventsComposite} now={NOW} />, mountedRoutes);
    const hidden = (await screen.findAllByTestId('composite-member')).find(
      row => row.getAttribute('data-member') === 'hidden',
    )!;
    expect(hidden).toHaveTextContent('another entity');
    expect(within(hidden).queryByRole('link')).not.toBeInTheDocument();
    expect(within(hidden).queryByTestId('slo-health')).not.toBeInTheDocument();
    expect(hidden.textContent).not.toMatch(/\d/);
  });

  it('shows a weighted composite’s figures, weights and shortfall shares, and its weighted charts', async () => {
    const api = new FakeSloApi();
    renderSlo(<CompositeSloCard entityRef={COMMERCE_REF} composite={weightedComposite} now={NOW} />, {
      api,
      ...mountedRoutes,
    });
    const card = await screen.findByTestId('composite-slo-card');
    expect(within(card).getByTestId('slo-attainment')).toHaveTextContent(
      'Attainment99.80%▲ meets 99.5% targetweighted mean of 2 of 3 members’ SLIs',
    );
    expect(within(card).getByTestId('slo-budget-value')).toHaveTextContent('60%');
    expect(within(card).getByTestId('slo-burn-rate-value')).toHaveTextContent('0.4×');
    const table = within(card).getByRole('table', { name: 'Member contributions of checkout-experience' });
    expect(within(table).getByRole('columnheader', { name: 'Share of shortfall' })).toBeInTheDocument();
    const rows = within(table).getAllByTestId('composite-member');
    expect(rows.map(row => row.getAttribute('data-member'))).toEqual([
      'component:default/checkout/checkout-latency',
      'component:default/checkout/checkout-availability',
      'component:default/recommendations/recommendations-availability',
    ]);
    expect(rows[0]).toHaveTextContent('× 1.5');
    expect(rows[2]).toHaveTextContent('No data');
    // The partial member is named above the figures.
    expect(within(card).getByTestId('slo-data-state')).toHaveTextContent(
      'component:default/recommendations/recommendations-availability has no data',
    );
    await within(card).findByTestId('slo-chart-sli');
    await within(card).findByTestId('slo-history-summary');
    expect(api.calls.map(call => call.method).sort()).toEqual(['getCompositeHistory', 'getCompositeSeries']);
    expect(api.calls[0].args[0]).toMatchObject({ name: 'checkout-experience' });
  });

  it('collapses to one line with the headline figures, and expands from the keyboard', async () => {
    renderSlo(
      <CompositeSloCard entityRef={COMMERCE_REF} composite={eventsComposite} now={NOW} defaultCollapsed />,
      mountedRoutes,
    );
    expect(await screen.findByTestId('slo-card-oneline')).toHaveTextContent(
      'Attainment 99.92% · budget left 22% · burn 20×',
    );
    expect(screen.queryByTestId('composite-members')).not.toBeInTheDocument();
    const toggle = screen.getByRole('button', { name: 'Show details of checkout-journey' });
    act(() => toggle.focus());
    await userEvent.keyboard('{Enter}');
    expect(await screen.findByTestId('composite-members')).toBeInTheDocument();
  });
});

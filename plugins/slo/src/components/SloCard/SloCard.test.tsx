import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  atRiskSlo,
  FakeSloApi,
  makeSeries,
  breachingSlo,
  demoCalendarSlo,
  errorSlo,
  healthySlo,
  lowObjectiveSlo,
  lowTrafficSlo,
  noDataSlo,
  NOW,
  pagingSlo,
  partialSlo,
  staleSlo,
} from '../../testing';
import { renderSlo } from '../../__testUtils__/renderSlo';
import type { SloStatus } from '@slo-kit/plugin-slo-common';
import { SloCard } from './SloCard';

/** Renders an expanded card and waits for its charts and history to load. */
async function renderCard(status: SloStatus, timeZone?: string, api = new FakeSloApi()) {
  const result = renderSlo(<SloCard status={status} now={NOW} timeZone={timeZone} />, { api });
  await screen.findByTestId('slo-history-summary');
  await screen.findByTestId(/^slo-chart-sli$|^slo-charts-empty$/);
  return result;
}

describe('SloCard', () => {
  it('says Paging, not At risk, and since when, for an SLO that pages above target', async () => {
    await renderCard(pagingSlo, 'UTC');
    expect(screen.getByTestId('slo-card')).toHaveAttribute('data-health', 'paging');
    expect(screen.getByTestId('slo-health')).toHaveTextContent('Paging');
    expect(screen.getByTestId('slo-episode')).toHaveTextContent('Paging since 09:50 UTC (2 h 10 min)');
    expect(screen.getByTestId('slo-attainment')).toHaveTextContent('▲ meets 99.9% target');
    expect(screen.getByTestId('slo-burn-rate')).toHaveTextContent(
      '20×over the last 1hfiring: page: 1h/5m at 20× · ticket: 3d/6h at 1.2×',
    );
    expect(screen.getByTestId('slo-forecast')).toHaveTextContent('in 27 hours');
  });

  it('shows a breaching SLO: figures for people, no alert, forecast', async () => {
    await renderCard(breachingSlo, 'UTC');
    const card = screen.getByTestId('slo-card');
    expect(card).toHaveAttribute('data-health', 'breaching');
    expect(within(card).getByRole('heading', { name: 'checkout-availability' })).toBeInTheDocument();
    expect(screen.getByText('Successful checkout requests')).toBeInTheDocument();
    expect(screen.getByTestId('slo-headline')).toHaveTextContent('ratio · 99.9% · rolling 30d');
    expect(screen.getByTestId('slo-health')).toHaveTextContent('Breaching');
    expect(screen.getByTestId('slo-attainment-value')).toHaveTextContent('99.87%');
    expect(screen.getByTestId('slo-attainment')).toHaveTextContent('▼ below 99.9% target');
    expect(screen.getByTestId('slo-budget-value')).toHaveTextContent('−30% (overspent)');
    expect(screen.getByRole('progressbar', { name: 'Error budget remaining' })).toHaveAttribute(
      'aria-valuetext',
      '−30% (overspent)',
    );
    expect(screen.getByTestId('slo-burn-rate-value')).toHaveTextContent('0.7×');
    expect(screen.getByTestId('slo-burn-rate')).toHaveTextContent('over the last 1hno alert firing');
    expect(screen.getByTestId('slo-forecast-value')).toHaveTextContent('Exhausted');
    expect(screen.queryByTestId('slo-episode')).not.toBeInTheDocument();
    expect(screen.getByText(/good: http_requests_total\{service="checkout",code!~"5\.\."\}/)).toBeInTheDocument();
    // Narrow screens wrap the query after its punctuation, never inside a word.
    const query = screen.getByText(/good: http_requests_total/);
    expect(query).toHaveStyle({ overflowWrap: 'break-word' });
    expect(query.querySelectorAll('wbr').length).toBeGreaterThanOrEqual(2);
  });

  it('lists alert windows with their states', async () => {
    await renderCard(pagingSlo);
    const rows = screen.getAllByTestId('slo-alert-window');
    expect(rows.map(row => row.getAttribute('data-state'))).toEqual([
      'firing',
      'quiet',
      'quiet',
      'firing',
    ]);
    expect(rows[0]).toHaveTextContent('Page1h / 5m20× / 21.3×14.4×● Firing');
    expect(rows[2]).toHaveTextContent('Ticket1d / 2h1.6× / 1.4×3×○ Not firing');
  });

  it('says which alerts can never fire at a low objective', async () => {
    await renderCard(lowObjectiveSlo);
    const rows = screen.getAllByTestId('slo-alert-window');
    expect(rows[0]).toHaveAttribute('data-state', 'never');
    expect(rows[0]).toHaveTextContent('Can never fire');
    expect(rows[1]).toHaveAttribute('data-state', 'quiet');
    expect(
      screen.getByText(/The 14\.4× page alert can never fire: at a 90% objective it needs an error rate of 144%/),
    ).toBeInTheDocument();
  });

  it('forecasts when an at-risk budget runs out', async () => {
    await renderCard(atRiskSlo, 'UTC');
    expect(screen.getByTestId('slo-forecast')).toHaveTextContent(
      'Budget runs outin 2 daysat the current burn rate (2026-11-22 12:00 UTC)',
    );
    expect(screen.getByTestId('slo-health')).toHaveTextContent('At risk');
    // Two ticket alerts fire: both named, with their own windows, never "over 1h".
    expect(screen.getByTestId('slo-firing-alerts')).toHaveTextContent(
      'firing: ticket: 1d/2h at 3.2× · ticket: 3d/6h at 1.4×',
    );
    expect(screen.getByTestId('slo-episode')).toHaveTextContent(
      'Ticket alert firing for more than 3 d (since before Nov 17, 12:00 UTC)',
    );
    expect(screen.getByTestId('slo-budget-value')).toHaveTextContent('12%');
  });

  it('shows no data as a dash with the state, never as 0 or 100%', async () => {
    const api = new FakeSloApi();
    api.series = async request => {
      const series = makeSeries(request);
      return {
        ...series,
        points: series.points.map(point => ({
          ...point,
          good: 0,
          total: 0,
          sli: null,
          budgetRemaining: null,
          burnRate: null,
        })),
      };
    };
    await renderCard(noDataSlo, undefined, api);
    expect(screen.getByTestId('slo-attainment-value')).toHaveTextContent('—');
    expect(screen.getByTestId('slo-attainment')).toHaveTextContent('No data');
    expect(screen.getByTestId('slo-budget-value')).toHaveTextContent('—');
    expect(screen.getByTestId('slo-data-state')).toHaveAttribute('data-state', 'no-data');
    expect(screen.getByTestId('slo-data-state')).toHaveTextContent(/No events were recorded in the window/);
    expect(screen.getByTestId('slo-charts-empty')).toHaveTextContent('No events in the last 30 days');
    expect(screen.getByTestId('slo-card')).not.toHaveTextContent(/NaN|100%/);
    expect(screen.getAllByTestId('slo-alert-window')[0]).toHaveAttribute('data-state', 'no-data');
  });

  it('explains partial coverage next to the figure', async () => {
    await renderCard(partialSlo);
    expect(screen.getByTestId('slo-attainment')).toHaveTextContent('Partial coverage');
    expect(screen.getByTestId('slo-data-state')).toHaveTextContent('Data covers 62% of the window');
  });

  it('explains too little traffic and does not call the SLO met', async () => {
    await renderCard(lowTrafficSlo);
    expect(screen.getByTestId('slo-health')).toHaveTextContent('Unknown');
    expect(screen.getByTestId('slo-data-state')).toHaveTextContent(
      'Only 37 events in the window, fewer than the minimum of 1,000',
    );
  });

  it('shows stale data with when it was last collected and the source error', async () => {
    await renderCard(staleSlo, 'UTC');
    const notice = screen.getByTestId('slo-data-state');
    expect(notice).toHaveAttribute('data-state', 'stale');
    expect(notice).toHaveTextContent('Last collected 3 hours ago (2026-11-20 09:00 UTC)');
    expect(screen.getByTestId('slo-source-error')).toHaveTextContent('connect ECONNREFUSED 127.0.0.1:9090');
  });

  it('shows a source error for SLOs never collected', async () => {
    await renderCard(errorSlo);
    expect(screen.getByTestId('slo-data-state')).toHaveAttribute('data-state', 'error');
    expect(screen.getByTestId('slo-data-state')).toHaveTextContent('Never collected successfully.');
    expect(screen.getByTestId('slo-source-error')).toHaveTextContent('parse error: unexpected "}"');
  });

  it('marks demo data and names calendar windows with their zone', async () => {
    await renderCard(demoCalendarSlo);
    expect(screen.getByTestId('slo-demo-badge')).toHaveTextContent('Demo data');
    expect(screen.getByTestId('slo-headline')).toHaveTextContent(
      'ratio · 99.5% · calendar month (Europe/Berlin)',
    );
  });

  it('links to the query in the source, in a new tab', async () => {
    await renderCard(breachingSlo);
    const link = screen.getByRole('link', { name: /Open the query of checkout-availability in Prometheus/ });
    expect(link).toHaveAttribute('href', breachingSlo.exploreUrl);
    expect(link).toHaveAttribute('target', '_blank');
    expect(screen.getByTestId('slo-explore-link')).toHaveTextContent('Open in Prometheus');
  });

  it('has no source link when the source has no UI', async () => {
    await renderCard(healthySlo);
    expect(screen.queryByTestId('slo-explore-link')).not.toBeInTheDocument();
  });

  it('collapses to one line and expands with the keyboard, loading charts only when open', async () => {
    const { api } = renderSlo(<SloCard status={healthySlo} now={NOW} defaultCollapsed />);
    expect(screen.getByTestId('slo-card-oneline')).toHaveTextContent(
      'Attainment 99.61% · budget left 61% · burn 0.4×',
    );
    expect(screen.queryByTestId('slo-range-selector')).not.toBeInTheDocument();
    expect(api.calls.filter(call => call.method === 'getSeries')).toHaveLength(0);

    const toggle = screen.getByRole('button', { name: 'Show details of checkout-latency' });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    act(() => toggle.focus());
    await userEvent.keyboard('{Enter}');
    expect(screen.getByRole('button', { name: 'Hide details of checkout-latency' })).toHaveAttribute(
      'aria-expanded',
      'true',
    );
    expect(await screen.findByTestId('slo-range-selector')).toBeInTheDocument();
    await screen.findByTestId('slo-chart-sli');
    await screen.findByTestId('slo-history-summary');
    expect(api.calls.filter(call => call.method === 'getSeries')).toHaveLength(1);
  });
});

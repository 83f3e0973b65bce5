import { coreApis } from '@backstage/frontend-plugin-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { formatPoints } from '../../format';
import { FakeSloApi, scorecardResponse } from '../../testing';
import { renderSlo } from '../../__testUtils__/renderSlo';
import { SloScorecardPage } from './SloScorecardPage';

function currentSearch(apis: { get: (ref: typeof coreApis.appHistory) => unknown }) {
  const history = apis.get(coreApis.appHistory) as {
    getSnapshot(): { location: { search: string } };
  };
  return new URLSearchParams(history.getSnapshot().location.search);
}

function renderPage(initialUrl = '/slo', api = new FakeSloApi()) {
  return renderSlo(<SloScorecardPage />, {
    api,
    initialRouteEntries: [initialUrl],
    mountPath: '/slo',
    mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
  });
}

describe('SloScorecardPage', () => {
  const createObjectURL = jest.fn((_blob: Blob) => 'blob:csv');

  beforeEach(() => {
    createObjectURL.mockClear();
    Object.assign(URL, { createObjectURL, revokeObjectURL: jest.fn() });
    jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
  });

  afterEach(() => jest.restoreAllMocks());

  it('is the main landmark, says its default orders, and lets a keyboard scroll its tables', async () => {
    renderPage();
    await screen.findByTestId('scorecard-summary');
    expect(screen.getByRole('main')).toHaveAttribute('data-testid', 'slo-scorecard-page');
    // Worst first (by status) and teams by name, before anyone clicks a header.
    expect(screen.getByRole('columnheader', { name: 'Status' })).toHaveAttribute('aria-sort', 'ascending');
    expect(screen.getByRole('columnheader', { name: 'Team' })).toHaveAttribute('aria-sort', 'ascending');
    expect(screen.getByRole('columnheader', { name: 'Budget left' })).not.toHaveAttribute('aria-sort');
    for (const name of ['Teams, table', 'All services and SLOs, table']) {
      expect(screen.getByRole('region', { name })).toHaveAttribute('tabindex', '0');
    }
    // A link inside a sentence is underlined, not told apart by colour alone.
    expect(within(screen.getByTestId('scorecard-summary-worst')).getByRole('link', { name: 'Payments' }).className).toMatch(
      /underlineAlways/,
    );
  });

  it('shows the organisation: summary, teams with sub-teams, and every SLO worst first', async () => {
    const { api } = renderPage();
    expect(await screen.findByTestId('scorecard-summary')).toHaveTextContent(
      'Organisation: 3 services · 5 SLOs · 75% meeting (3 of 4 known) · 1 unknown (no data or too little traffic) · 1 paging now · ▼ 33.3 pts vs last period (3 SLOs known in both) · 4 services without SLOs, 3 with a ready suggestion · worst team: Payments',
    );
    expect(api.calls[0]).toEqual({ method: 'getScorecard', args: [undefined] });

    const teams = screen.getAllByTestId('scorecard-team-row');
    expect(teams.map(row => row.getAttribute('data-group'))).toEqual([
      'group:default/engineering',
      'group:default/payments',
      'group:default/payments-risk',
      'group:default/search',
    ]);
    // Engineering shows every team nested below it, not only its direct children.
    expect(teams[0]).toHaveTextContent('incl. 3 sub-teams');
    expect(teams[0]).toHaveTextContent('75%3 of 4 known, 1 unknown');
    expect(teams[1]).toHaveTextContent('Payments');
    expect(teams[1]).toHaveTextContent('incl. 1 sub-team');
    expect(teams[1]).toHaveTextContent('67%2 of 3 known');
    expect(teams[1]).toHaveTextContent('−30% (overspent)Checkout · checkout-availability');
    expect(teams[1]).toHaveTextContent('1 paging');
    expect(teams[1]).toHaveTextContent('▼ 50 ptsover 2 of 3');
    expect(teams[3]).toHaveTextContent('no change');
    expect(teams[2]).toHaveTextContent('—');

    const rows = within(screen.getByTestId('scorecard-table')).getAllByTestId('scorecard-slo-row');
    expect(rows.map(row => row.getAttribute('data-slo'))).toEqual([
      'component:default/checkout/checkout-availability',
      'component:default/search-api/query-latency',
      'component:default/search-api/query-availability',
      'component:default/checkout/checkout-latency',
      'component:default/fraud-detection/scoring-availability',
    ]);
    expect(rows[0]).toHaveTextContent('Checkoutcheckout-availability99.9%30d99.87%');
    expect(rows[0]).toHaveTextContent('−30%overspent');
    expect(rows[0]).toHaveTextContent('Breachingpaging');
    expect(rows[0]).toHaveTextContent('99.95%▼ 0.08 pts');
    expect(rows[2]).toHaveTextContent('99.96%▲ 0.01 pts');
    expect(rows[4]).toHaveTextContent('Meetingdemo data');
    // Last period had too little traffic: no attainment to compare, no change.
    expect(within(rows[4]).getByTestId('scorecard-slo-previous')).toHaveTextContent(/^too little traffic$/);
    expect(rows[1]).toHaveTextContent('—No data');
    expect(within(rows[0]).getByRole('link', { name: 'Checkout' })).toHaveAttribute(
      'href',
      '/catalog/default/component/checkout/slo',
    );
    expect(within(rows[0]).getByRole('img', { name: /^SLI of checkout-availability: from 99\.95% to 99\.87%/ })).toBeInTheDocument();
    expect(within(rows[1]).getByRole('img', { name: /not enough data for a trend/ })).toBeInTheDocument();
  });

  it('drills into a team with a shareable URL, breadcrumbs and its rows', async () => {
    const { api, apis } = renderPage();
    await screen.findByTestId('scorecard-summary');
    const payments = screen.getAllByTestId('scorecard-team-row')[1];
    const link = within(payments).getByRole('link', { name: /Payments/ });
    expect(link).toHaveAttribute('href', '?group=group%3Adefault%2Fpayments');
    await userEvent.click(link);

    expect(await screen.findByRole('navigation', { name: 'Teams' })).toHaveTextContent('All teams/Engineering/Payments');
    expect(currentSearch(apis).get('group')).toBe('group:default/payments');
    expect(api.calls.at(-1)).toEqual({ method: 'getScorecard', args: [{ group: 'group:default/payments' }] });
    expect(screen.getByTestId('scorecard-summary')).toHaveTextContent(
      'Payments: 2 services · 3 SLOs · 67% meeting (2 of 3 known) · 1 paging now · ▼ 50 pts vs last period (2 SLOs known in both) · 2 services without SLOs, 1 with a ready suggestion · worst budget: −30% (overspent), Checkout · checkout-availability',
    );
    expect(screen.getByRole('region', { name: 'Payments and its sub-teams' })).toBeInTheDocument();
    const rows = screen.getAllByTestId('scorecard-slo-row');
    expect(rows).toHaveLength(3);

    await userEvent.click(screen.getByRole('link', { name: 'All teams' }));
    await waitFor(() => expect(currentSearch(apis).get('group')).toBeNull());
    expect(await screen.findByRole('region', { name: 'Teams' })).toBeInTheDocument();
  });

  it('restores sort, filter and team from the URL', async () => {
    renderPage('/slo?group=group%3Adefault%2Fsearch&sort=attainment&dir=desc&q=query');
    await screen.findByTestId('scorecard-summary');
    expect(screen.getByRole('navigation', { name: 'Teams' })).toHaveTextContent('Search');
    expect(screen.getByTestId('scorecard-filter')).toHaveValue('query');
    const header = screen.getByRole('columnheader', { name: /Attainment/ });
    expect(header).toHaveAttribute('aria-sort', 'descending');
    // A team without sub-teams has no teams table.
    expect(screen.queryByTestId('scorecard-teams-table')).not.toBeInTheDocument();
    expect(
      screen.getAllByTestId('scorecard-slo-row').map(row => row.getAttribute('data-slo')),
    ).toEqual([
      'component:default/search-api/query-availability',
      'component:default/search-api/query-latency',
    ]);
  });

  it('sorts by a column and writes it to the URL', async () => {
    const { apis } = renderPage();
    await screen.findByTestId('scorecard-summary');
    await userEvent.click(screen.getByTestId('sort-budget'));
    let rows = screen.getAllByTestId('scorecard-slo-row');
    expect(rows[0]).toHaveAttribute('data-slo', 'component:default/checkout/checkout-availability');
    expect(rows[4]).toHaveAttribute('data-slo', 'component:default/search-api/query-latency');
    expect(currentSearch(apis).get('sort')).toBe('budget');

    await userEvent.click(screen.getByTestId('sort-budget'));
    rows = screen.getAllByTestId('scorecard-slo-row');
    expect(rows[0]).toHaveAttribute('data-slo', 'component:default/fraud-detection/scoring-availability');
    expect(currentSearch(apis).get('dir')).toBe('desc');
    expect(screen.getByRole('columnheader', { name: /Budget left/ })).toHaveAttribute('aria-sort', 'descending');
  });

  it('sorts teams separately from SLOs', async () => {
    const { apis } = renderPage();
    await screen.findByTestId('scorecard-summary');
    const teamsTable = screen.getByTestId('scorecard-teams-table');
    await userEvent.click(within(teamsTable).getByTestId('team-sort-slos'));
    expect(
      screen.getAllByTestId('scorecard-team-row').map(row => row.getAttribute('data-group')),
    ).toEqual([
      'group:default/engineering',
      'group:default/search',
      'group:default/payments',
      'group:default/payments-risk',
    ]);
    expect(currentSearch(apis).get('teamSort')).toBe('slos');
    expect(currentSearch(apis).get('sort')).toBeNull();
  });

  it('filters by text and status', async () => {
    const { apis } = renderPage();
    await screen.findByTestId('scorecard-summary');
    fireEvent.change(screen.getByTestId('scorecard-filter'), { target: { value: 'checkout' } });
    expect(screen.getAllByTestId('scorecard-slo-row')).toHaveLength(2);
    expect(screen.getByText('2 of 5 SLOs match the filters')).toBeInTheDocument();
    expect(currentSearch(apis).get('q')).toBe('checkout');

    fireEvent.change(screen.getByTestId('scorecard-health-filter'), { target: { value: 'breaching' } });
    expect(screen.getAllByTestId('scorecard-slo-row')).toHaveLength(1);
    expect(currentSearch(apis).get('health')).toBe('breaching');

    fireEvent.change(screen.getByTestId('scorecard-filter'), { target: { value: 'nothing-matches' } });
    expect(screen.getByText('No SLOs match the filters.')).toBeInTheDocument();
  });

  it('exports the visible SLO table as CSV', async () => {
    renderPage('/slo?q=checkout');
    await screen.findByTestId('scorecard-summary');
    await userEvent.click(screen.getByTestId('scorecard-csv'));
    const blob = createObjectURL.mock.calls[0][0];
    const lines = (await blob.text()).split('\r\n');
    expect(lines[0]).toBe(
      'Service,Entity ref,SLO,Kind,Objective (%),Window,Attainment (%),Budget remaining (%),Status,Paging,Ticket,Data state,Previous period (%),Previous period verdict,Change (pts),Demo data',
    );
    expect(lines[1]).toBe(
      'Checkout,component:default/checkout,checkout-availability,slo,99.9,30d,99.87,-30,Breaching,yes,no,ok,99.95,met,-0.08,no',
    );
    expect(lines).toHaveLength(4);
  });

  it('exports the teams table as CSV', async () => {
    renderPage();
    await screen.findByTestId('scorecard-summary');
    await userEvent.click(screen.getByTestId('scorecard-teams-csv'));
    const lines = (await createObjectURL.mock.calls[0][0].text()).split('\r\n');
    expect(lines[0]).toBe(
      'Team,Group ref,Parent,Services,SLOs,Meeting,Unknown,Meeting (% of known),Paging,Worst budget remaining (%),Worst budget SLO,Trend vs last period (pts),SLOs known in both periods,Meeting last period (of those),Meeting now (of those),Services without SLOs,With a ready suggestion',
    );
    expect(lines[2]).toBe(
      'Payments,group:default/payments,group:default/engineering,2,3,2,0,66.6667,1,-30,component:default/checkout/checkout-availability,-50,2,2,1,2,1',
    );
  });

  it("shows each team's services with a ready suggestion in a sortable column, as the API counts them, and in the CSV", async () => {
    const response = scorecardResponse();
    const { apis } = renderPage();
    await screen.findByTestId('scorecard-summary');
    const teamsTable = screen.getByTestId('scorecard-teams-table');
    expect(within(teamsTable).getByRole('columnheader', { name: 'Suggested' })).toBeInTheDocument();
    const fromApi = (ref: string | null) => response.groups.find(g => g.groupRef === ref)!.withoutSlos!;
    for (const row of screen.getAllByTestId('scorecard-team-row')) {
      const { services, withSuggestion } = fromApi(row.getAttribute('data-group'));
      expect(within(row).getByTestId('scorecard-team-suggested')).toHaveTextContent(
        `${withSuggestion}of ${services} without SLOs`,
      );
    }

    // Sorted by keyboard: most suggestions first among siblings, then fewest.
    within(teamsTable).getByTestId('team-sort-suggestions').focus();
    await userEvent.keyboard('{Enter}');
    expect(currentSearch(apis).get('teamSort')).toBe('suggestions');
    const order = () => screen.getAllByTestId('scorecard-team-row').map(row => row.getAttribute('data-group'));
    expect(order()).toEqual([
      'group:default/engineering',
      'group:default/payments',
      'group:default/payments-risk',
      'group:default/search',
    ]);
    await userEvent.click(within(teamsTable).getByTestId('team-sort-suggestions'));
    expect(within(teamsTable).getByRole('columnheader', { name: /Suggested/ })).toHaveAttribute('aria-sort', 'descending');
    expect(order()).toEqual([
      'group:default/engineering',
      'group:default/search',
      'group:default/payments',
      'group:default/payments-risk',
    ]);

    await userEvent.click(screen.getByTestId('scorecard-teams-csv'));
    const lines = (await createObjectURL.mock.calls[0][0].text()).trim().split('\r\n').slice(1);
    expect(lines).toHaveLength(4);
    for (const line of lines) {
      const cells = line.split(',');
      const { services, withSuggestion } = fromApi(cells[1]);
      expect(cells.slice(15).map(Number)).toEqual([services, withSuggestion]);
    }
  });

  it('leaves the column out when the backend does not search for suggestions', async () => {
    const response = scorecardResponse();
    const api = new FakeSloApi();
    api.getScorecard = async () => ({
      ...response,
      groups: response.groups.map(({ withoutSlos: _omitted, ...group }) => group),
    });
    renderPage('/slo', api);
    await screen.findByTestId('scorecard-summary');
    expect(within(screen.getByTestId('scorecard-teams-table')).queryByRole('columnheader', { name: 'Suggested' })).toBeNull();
    expect(screen.queryAllByTestId('scorecard-team-suggested')).toHaveLength(0);
  });

  it("shows the API's trend figures in the strip, every team row and the CSV alike", async () => {
    const response = scorecardResponse();
    renderPage();
    await screen.findByTestId('scorecard-summary');
    expect(screen.getByTestId('scorecard-summary-trend')).toHaveTextContent(
      `${formatPoints(response.summary.trend.points, 1)} vs last period`,
    );
    const shown = screen
      .getAllByTestId('scorecard-team-row')
      .map(row => [row.getAttribute('data-group'), within(row).getByTestId('scorecard-team-trend').firstChild?.textContent]);
    await userEvent.click(screen.getByTestId('scorecard-teams-csv'));
    const lines = (await createObjectURL.mock.calls[0][0].text()).trim().split('\r\n').slice(1);
    const exported = lines.map((line: string) => {
      const cells = line.split(',');
      return [cells[1], cells[11] === '' ? null : Number(cells[11])];
    });
    const fromApi = (ref: string | null | undefined) => response.groups.find(g => g.groupRef === ref)!.trend.points;
    for (const [ref, text] of shown) {
      expect(text).toBe(formatPoints(fromApi(ref), 1));
    }
    for (const [ref, points] of exported) {
      expect(points).toBe(fromApi(ref as string));
    }
    expect(exported).toHaveLength(4);
  });

  it('says when a team in the URL is unknown', async () => {
    renderPage('/slo?group=group%3Adefault%2Fnobody');
    expect(await screen.findByTestId('scorecard-unknown-group')).toHaveTextContent(
      'No team group:default/nobody owns SLOs you can see.',
    );
  });

  it('shows the backend’s error with a retry', async () => {
    const api = new FakeSloApi();
    api.scorecard = async () => {
      throw new Error('the catalog did not answer');
    };
    renderPage('/slo', api);
    expect(await screen.findByTestId('slo-error')).toHaveTextContent(
      'Could not load the SLO scorecardthe catalog did not answer',
    );
  });
});

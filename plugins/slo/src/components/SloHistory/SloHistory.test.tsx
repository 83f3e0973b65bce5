import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { SloPeriod } from '@slo-kit/plugin-slo-common';
import { makeHistory } from '../../testing';
import { periodName, SloHistory } from './SloHistory';

const DAY = 86400;
const utc = (iso: string) => Date.parse(iso) / 1000;

/** ISO weeks from Monday `firstMonday`, each with `total(i)` events, all good. */
function weeks(firstMonday: string, count: number, total: (index: number) => number): SloPeriod[] {
  return Array.from({ length: count }, (_, index) => {
    const start = utc(firstMonday) + index * 7 * DAY;
    const events = total(index);
    let verdict: SloPeriod['verdict'] = 'met';
    if (events === 0) verdict = 'no-data';
    else if (events < 1000) verdict = 'low-traffic';
    return {
      start,
      end: start + 7 * DAY,
      label: `W${index}`,
      good: events,
      total: events,
      sli: events > 0 ? 1 : null,
      verdict,
      met: verdict === 'met' ? true : null,
      inProgress: index === count - 1,
      coverage: 1,
    };
  });
}

describe('SloHistory', () => {
  // jsdom has no :focus-visible, so the tooltip itself opening on focus is
  // proven in a real browser (e2e/accessibility.test.mjs).
  it('lets the keyboard reach each period and its details', async () => {
    render(<SloHistory periods={makeHistory().periods} period="month" target={0.999} />);
    await userEvent.tab();
    const first = screen.getAllByTestId('slo-history-period')[0];
    expect(first).toHaveFocus();
    expect(first).toHaveAccessibleDescription('Dec 2025: met, 99.95%');
    await userEvent.tab();
    expect(screen.getAllByTestId('slo-history-period')[1]).toHaveFocus();
  });

  it('shows twelve months, met and missed, the last one so far', () => {
    render(<SloHistory periods={makeHistory().periods} period="month" target={0.999} />);
    const periods = screen.getAllByTestId('slo-history-period');
    expect(periods).toHaveLength(12);
    expect(periods[0]).toHaveTextContent('Dec 2025 ✓ 99.95%');
    expect(periods[3]).toHaveTextContent('Mar 2026 ✗ 99.71%');
    expect(periods[3]).toHaveAttribute('data-met', 'false');
    expect(periods[11]).toHaveTextContent('Nov 2026 (so far) ✓ 99.95%');
    expect(screen.getByTestId('slo-history-summary')).toHaveTextContent(
      'Met the objective in 9 of 11 finished months with enough traffic.',
    );
  });

  it('names weeks by their dates, not only their ISO number', () => {
    const [week] = weeks('2026-09-21T00:00:00Z', 1, () => 5000);
    expect(periodName(week, 'week')).toBe('21–27 Sep 2026');
    const [across] = weeks('2026-09-28T00:00:00Z', 1, () => 5000);
    expect(periodName(across, 'week')).toBe('28 Sep – 4 Oct 2026');
    const [newYear] = weeks('2026-12-28T00:00:00Z', 1, () => 5000);
    expect(periodName(newYear, 'week')).toBe('28 Dec 2026 – 3 Jan 2027');
    // In the SLO's zone: the week of 2026-09-21 in Berlin starts at 22:00 UTC the day before.
    expect(periodName({ ...week, start: week.start - 2 * 3600, end: week.end - 2 * 3600 }, 'week', 'Europe/Berlin')).toBe(
      '21–27 Sep 2026',
    );
  });

  it('gives no verdict to weeks below the minimum traffic, in the chips and the summary', () => {
    // notification-service delivery-availability: 270–320 events a week, minimum 1,000.
    const periods = weeks('2026-09-07T00:00:00Z', 12, index => (index === 11 ? 23 : 270 + index * 4));
    render(<SloHistory periods={periods} period="week" target={0.99} minimumEvents={1000} />);
    expect(screen.getByTestId('slo-history-summary')).toHaveTextContent(
      'No verdict yet: all 11 finished weeks had too little traffic to judge (fewer than the minimum of 1,000 events).',
    );
    const chips = screen.getAllByTestId('slo-history-period');
    expect(chips[0]).toHaveTextContent(/^7–13 Sep 2026 · too little traffic$/);
    expect(chips[0]).toHaveAttribute('data-verdict', 'low-traffic');
    expect(chips[0]).toHaveAttribute(
      'title',
      '7–13 Sep 2026: too little traffic, 270 events (fewer than the minimum of 1,000 events)',
    );
    expect(chips[11]).toHaveTextContent('(so far) · too little traffic');
    expect(screen.queryByText(/✓/)).not.toBeInTheDocument();
  });

  it('counts weeks with and without a verdict apart', () => {
    const periods = weeks('2026-09-07T00:00:00Z', 5, index => (index === 1 ? 300 : 5000));
    render(<SloHistory periods={periods} period="week" target={0.99} minimumEvents={1000} />);
    expect(screen.getByTestId('slo-history-summary')).toHaveTextContent(
      'Met the objective in 3 of 3 finished weeks with enough traffic; 1 had too little traffic to judge (fewer than the minimum of 1,000 events).',
    );
  });

  it('leaves out the periods before the data starts, and says so', () => {
    const history = makeHistory();
    const empty = { sli: null, met: null, verdict: 'no-data' as const, good: 0, total: 0, coverage: 0 };
    const periods = history.periods.map((item, index) => (index < 9 ? { ...item, ...empty } : item));
    render(<SloHistory periods={periods} period="month" target={0.999} />);
    const chips = screen.getAllByTestId('slo-history-period');
    expect(chips.map(chip => chip.textContent)).toEqual([
      'Sep 2026 ✗ 99.71%',
      'Oct 2026 ✓ 99.95%',
      'Nov 2026 (so far) ✓ 99.95%',
    ]);
    expect(screen.getByTestId('slo-history-summary')).toHaveTextContent(
      'Met the objective in 1 of 2 finished months with enough traffic. No data before Sep 2026.',
    );
  });

  it('says "no data" in words for a gap after the data starts', () => {
    const history = makeHistory();
    history.periods[4] = { ...history.periods[4], sli: null, met: null, verdict: 'no-data', good: 0, total: 0 };
    render(<SloHistory periods={history.periods} period="month" target={0.999} />);
    const chip = screen.getAllByTestId('slo-history-period')[4];
    expect(chip).toHaveTextContent(/^Apr 2026 · no data$/);
    expect(chip).toHaveAttribute('title', 'Apr 2026: no data');
  });

  it('says when nothing has finished yet, or when there is no data at all', () => {
    const history = makeHistory();
    const { unmount } = render(
      <SloHistory periods={history.periods.slice(-1)} period="month" target={0.999} />,
    );
    expect(screen.getByTestId('slo-history-summary')).toHaveTextContent('No finished months with data yet.');
    unmount();
    render(<SloHistory periods={weeks('2026-09-07T00:00:00Z', 4, () => 0)} period="week" target={0.999} />);
    expect(screen.getByTestId('slo-history-summary')).toHaveTextContent('No data in the last 4 weeks.');
    expect(screen.queryByTestId('slo-history-period')).not.toBeInTheDocument();
  });
});

import { render, screen } from '@testing-library/react';
import { makeHistory } from '../../testing';
import { SloHistory } from './SloHistory';

describe('SloHistory', () => {
  it('shows twelve months, met and missed, the last one so far', () => {
    render(<SloHistory periods={makeHistory().periods} period="month" target={0.999} />);
    const periods = screen.getAllByTestId('slo-history-period');
    expect(periods).toHaveLength(12);
    expect(periods[0]).toHaveTextContent('Dec 2025 ✓ 99.95%');
    expect(periods[3]).toHaveTextContent('Mar 2026 ✗ 99.71%');
    expect(periods[3]).toHaveAttribute('data-met', 'false');
    expect(periods[11]).toHaveTextContent('Nov 2026 (so far) ✓ 99.95%');
    expect(screen.getByTestId('slo-history-summary')).toHaveTextContent(
      'Met the objective in 9 of 11 finished months.',
    );
  });

  it('labels weeks and periods without data', () => {
    const history = makeHistory('x', 'week');
    history.periods[0] = { ...history.periods[0], sli: null, met: null, good: 0, total: 0, coverage: 0 };
    render(<SloHistory periods={history.periods} period="week" target={0.999} />);
    const periods = screen.getAllByTestId('slo-history-period');
    expect(periods[0]).toHaveTextContent(/^2026-W35 –$/);
    expect(periods[0]).toHaveAttribute('title', '2026-W35: no data');
    expect(screen.getByTestId('slo-history-summary')).toHaveTextContent('in 8 of 10 finished weeks');
  });

  it('says when nothing has finished yet', () => {
    const history = makeHistory();
    render(<SloHistory periods={history.periods.slice(-1)} period="month" target={0.999} />);
    expect(screen.getByTestId('slo-history-summary')).toHaveTextContent('No finished months with data yet.');
  });
});

import { render, screen } from '@testing-library/react';
import { formatAttainment } from '../../format';
import { ChartTooltip } from './ChartTooltip';

describe('ChartTooltip', () => {
  it('labels the window figure and the step counts each with its own span', () => {
    const t = Date.UTC(2026, 10, 20, 12) / 1000;
    render(
      <ChartTooltip
        active
        datum={{
          from: t - 7200,
          t,
          sliPercent: 99.98,
          budgetPercent: 80,
          burnRate: 20.2,
          good: 5820,
          total: 5940,
        }}
        label="SLI over the 30d window"
        format={datum => formatAttainment(datum.sliPercent! / 100, 2)}
        timeZone="UTC"
      />,
    );
    expect(screen.getByText('Step 2026-11-20 10:00–12:00 UTC')).toBeInTheDocument();
    expect(screen.getByText(/^SLI over the 30d window to 12:00:/)).toHaveTextContent(
      'SLI over the 30d window to 12:00: 99.98%',
    );
    // The step's own ratio, 5,820 / 5,940 = 97.979…% (attainment is truncated, never
    // rounded up, everywhere), not the window's SLI.
    expect(
      screen.getByText('In this step: 5,820 good of 5,940 events (97.97%)'),
    ).toBeInTheDocument();
  });
});

import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { breachingSlo, makeSeries, NOW } from '../../testing';
import { renderSlo } from '../../__testUtils__/renderSlo';
import { SloCharts } from './SloCharts';

// Recharts' text measuring (a hidden span per label, each forcing a layout of
// the page), from the CommonJS build jest loads; the module has no types.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const rechartsDomUtils: { getStringSize: (...args: unknown[]) => unknown } = require('recharts/lib/util/DOMUtils');

describe('SloCharts', () => {
  it('renders three charts named by their summaries, with the time zone', async () => {
    renderSlo(
      <SloCharts
        series={makeSeries({ from: NOW - 86400, to: NOW, count: 24 })}
        target={0.999}
        alerts={breachingSlo.evaluations[0].alerts}
        rangeLabel="24 hours"
        windowLabel="30d"
        timeZone="UTC"
      />,
    );
    const images = await screen.findAllByRole('img');
    const names = images.map(image => image.getAttribute('aria-label'));
    expect(names).toEqual([
      expect.stringMatching(
        /^30d-window SLI over the last 24 hours against the 99\.9% objective: latest 99\.9\d%/,
      ),
      expect.stringMatching(
        /^Error budget left over the 30d window, over the last 24 hours: from \d+% to −30% \(overspent\)\.$/,
      ),
      expect.stringMatching(
        /^Burn rate per 1h step over the last 24 hours: peak .*Thresholds: 14\.4× page, 6× page, 3× ticket, 1× ticket\.$/,
      ),
    ]);
    expect(screen.getByTestId('slo-chart-sli')).toHaveTextContent(
      'Times in UTC.',
    );
    expect(
      screen.getByRole('heading', { name: 'SLI over time' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('heading', { name: 'Error budget remaining' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('heading', { name: 'Burn rate' }),
    ).toBeInTheDocument();
  });

  it('gives a chart its tooltip once the pointer first enters it', async () => {
    const { container } = renderSlo(
      <SloCharts
        series={makeSeries({ from: NOW - 86400, to: NOW, count: 24 })}
        target={0.999}
        alerts={breachingSlo.evaluations[0].alerts}
        rangeLabel="24 hours"
        timeZone="UTC"
      />,
    );
    const [sli] = await screen.findAllByRole('img');
    await waitFor(() => expect(sli.querySelector('svg')).not.toBeNull());
    expect(
      container.querySelectorAll('.recharts-tooltip-wrapper'),
    ).toHaveLength(0);

    await userEvent.hover(sli);

    expect(sli.querySelectorAll('.recharts-tooltip-wrapper')).toHaveLength(1);
    expect(
      container.querySelectorAll('.recharts-tooltip-wrapper'),
    ).toHaveLength(1);
  });

  it('lists the burn thresholds as text under the chart, not as labels on the lines', async () => {
    renderSlo(
      <SloCharts
        series={makeSeries({ from: NOW - 86400, to: NOW, count: 24 })}
        target={0.999}
        alerts={breachingSlo.evaluations[0].alerts}
        rangeLabel="24 hours"
        timeZone="UTC"
      />,
    );
    const legend = await screen.findByRole('list', { name: 'Alert thresholds' });
    expect(within(legend).getAllByRole('listitem').map(item => item.textContent)).toEqual([
      '14.4× page',
      '6× page',
      '3× ticket',
      '1× ticket',
    ]);
    const burn = screen.getByTestId('slo-chart-burn');
    await waitFor(() => expect(burn.querySelector('svg.recharts-surface')).not.toBeNull());
    expect(burn.querySelectorAll('.recharts-reference-line')).toHaveLength(4);
    expect(burn.querySelectorAll('.recharts-reference-line .recharts-label')).toHaveLength(0);
  });

  it('opens every point of a chart as a table from the keyboard', async () => {
    renderSlo(
      <SloCharts
        series={makeSeries({ from: NOW - 86400, to: NOW, count: 24 })}
        target={0.999}
        alerts={breachingSlo.evaluations[0].alerts}
        rangeLabel="24 hours"
        windowLabel="30d"
        timeZone="UTC"
      />,
    );
    const [toggle] = await screen.findAllByRole('button', { name: 'Show data' });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    toggle.focus();
    await userEvent.keyboard('{Enter}');
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    const table = screen.getByRole('table', { name: 'SLI over time, one row per point' });
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(25);
    expect(within(rows[0]).getAllByRole('columnheader').map(cell => cell.textContent)).toEqual([
      'Step',
      'SLI over the 30d window',
      'Good of total events in the step',
    ]);
    expect(rows[24]).toHaveTextContent(/\d+\.\d+%.* of /);
    await userEvent.keyboard('{Enter}');
    expect(screen.queryByRole('table', { name: 'SLI over time, one row per point' })).not.toBeInTheDocument();
  });

  it('draws its axes and grid without measuring any text in the page', async () => {
    const measure = jest.spyOn(rechartsDomUtils, 'getStringSize');
    try {
      const { container } = renderSlo(
        <SloCharts
          series={makeSeries({ from: NOW - 86400, to: NOW, count: 24 })}
          target={0.999}
          alerts={breachingSlo.evaluations[0].alerts}
          rangeLabel="24 hours"
          timeZone="UTC"
        />,
      );
      await waitFor(() => expect(container.querySelectorAll('.recharts-surface')).toHaveLength(3));
      // The grid still has its lines, at the axes' ticks: across and along each chart.
      for (const chart of container.querySelectorAll('.recharts-surface')) {
        expect(chart.querySelectorAll('.recharts-cartesian-grid-vertical line').length).toBeGreaterThan(1);
        expect(chart.querySelectorAll('.recharts-cartesian-grid-horizontal line').length).toBeGreaterThan(1);
      }
      const labels = [...container.querySelectorAll('.recharts-cartesian-axis-tick-value')];
      expect(labels.map(label => label.textContent)).toContain('12:00');
      expect(measure).not.toHaveBeenCalled();
    } finally {
      measure.mockRestore();
    }
  });
});

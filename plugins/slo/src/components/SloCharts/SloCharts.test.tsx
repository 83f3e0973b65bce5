import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { breachingSlo, makeSeries, NOW } from '../../testing';
import { renderSlo } from '../../__testUtils__/renderSlo';
import { SloCharts } from './SloCharts';

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
});

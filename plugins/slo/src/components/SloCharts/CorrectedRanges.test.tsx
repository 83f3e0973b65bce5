import { screen, waitFor } from '@testing-library/react';
import type { SloCorrection } from '@slo-kit/plugin-slo-common';
import { breachingSlo, makeSeries, NOW } from '../../testing';
import { renderSlo } from '../../__testUtils__/renderSlo';
import { SloCharts } from './SloCharts';

const HOUR = 3600;
/** Six hours before NOW, on the hour. */
const start = Math.floor((NOW - 6 * HOUR) / HOUR) * HOUR;
const correction: SloCorrection = {
  name: 'upstream-outage',
  entityRef: 'component:default/checkout',
  category: 'outside-our-control',
  reason: 'Upstream outage',
  start,
  durationSeconds: 2 * HOUR,
  timeZone: 'UTC',
  target: { kind: 'entity' },
  origin: { kind: 'annotation', annotation: 'slo-kit.dev/corrections' },
};

describe('SloCharts with corrections', () => {
  it('shades the corrected range on every chart and says so in words', async () => {
    const { container } = renderSlo(
      <SloCharts
        series={makeSeries({ from: NOW - 86400, to: NOW, count: 24 })}
        target={0.999}
        alerts={breachingSlo.evaluations[0].alerts}
        rangeLabel="24 hours"
        timeZone="UTC"
        corrections={[correction]}
      />,
    );
    const end = new Date((start + 2 * HOUR) * 1000).toISOString().slice(11, 16);
    const begin = new Date(start * 1000).toISOString().slice(0, 16).replace('T', ' ');
    expect(screen.getByTestId('slo-charts-corrections')).toHaveTextContent(
      `Shaded: 1 range excluded by corrections (${begin}–${end} UTC); their events count in no figure (see Corrections).`,
    );
    await waitFor(() => expect(container.querySelectorAll('.recharts-reference-area')).toHaveLength(3));
  });

  it('says nothing when no correction falls in the charted span', () => {
    renderSlo(
      <SloCharts
        series={makeSeries({ from: NOW - 86400, to: NOW, count: 24 })}
        target={0.999}
        alerts={breachingSlo.evaluations[0].alerts}
        rangeLabel="24 hours"
        timeZone="UTC"
        corrections={[{ ...correction, start: NOW - 10 * 86400 }]}
      />,
    );
    expect(screen.queryByTestId('slo-charts-corrections')).toBeNull();
  });
});

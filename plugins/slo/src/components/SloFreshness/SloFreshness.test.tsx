import { render, screen } from '@testing-library/react';
import type { SloCollectionStatus } from '@slo-kit/plugin-slo-common';
import { SloFreshness } from './SloFreshness';

/** 2025-03-01T14:17:00Z */
const NOW = Date.parse('2025-03-01T14:17:00Z') / 1000;

const collection: SloCollectionStatus = {
  source: 'datadog',
  sourceType: 'datadog',
  demo: false,
  lastSuccessAt: '2025-03-01T14:06:00.000Z',
  lastAttemptAt: '2025-03-01T14:06:00.000Z',
  lastErrorAt: null,
  lastError: null,
  collectedUntil: '2025-03-01T14:05:00.000Z',
  consecutiveFailures: 0,
};

describe('SloFreshness', () => {
  it('says when the figures end and how long ago, in the zone asked for', () => {
    render(<SloFreshness collection={collection} now={NOW} timeZone="UTC" />);
    expect(screen.getByTestId('slo-freshness')).toHaveTextContent(
      'Data as of 14:05, 12 minutes ago',
    );
    expect(screen.getByText('14:05')).toHaveAttribute(
      'dateTime',
      '2025-03-01T14:05:00.000Z',
    );
    expect(screen.queryByTestId('slo-freshness-budget')).toBeNull();
  });

  it('says how often a query budget lets the SLO be collected, and why', () => {
    render(
      <SloFreshness
        collection={{
          ...collection,
          deferral: {
            at: '2025-03-01T14:15:00.000Z',
            reason:
              'Datadog query budget: 1200 queries per hour, 1200 sent in the last hour',
            intervalSeconds: 900,
          },
        }}
        now={NOW}
        timeZone="Europe/Paris"
      />,
    );
    expect(screen.getByTestId('slo-freshness')).toHaveTextContent(
      'Data as of 15:05, 12 minutes ago · collected every ~15 min: Datadog query budget (1200 queries per hour, 1200 sent in the last hour)',
    );
  });

  it('says so when nothing was collected yet, and when the stretch is unknown', () => {
    render(
      <SloFreshness
        collection={{
          ...collection,
          collectedUntil: null,
          deferral: {
            at: '2025-03-01T14:15:00.000Z',
            reason:
              'Datadog query budget: the source answered "rate limited" (HTTP 429) until 14:30 UTC',
            intervalSeconds: null,
          },
        }}
        now={NOW}
      />,
    );
    expect(screen.getByTestId('slo-freshness')).toHaveTextContent(
      'No data collected yet · collected less often: Datadog query budget (the source answered "rate limited" (HTTP 429) until 14:30 UTC)',
    );
  });
});

import { render, screen, within } from '@testing-library/react';
import { SloCorrections } from './SloCorrections';

describe('SloCorrections', () => {
  it('says in words what each correction excludes, when, and why', () => {
    render(
      <SloCorrections
        name="orders-availability"
        windowLabel="30d"
        timeZone="UTC"
        corrections={[
          {
            name: 'sunday-maintenance',
            category: 'planned-maintenance',
            reason: 'Weekly database maintenance',
            timeZone: 'Europe/Berlin',
            durationSeconds: 3600,
            recurrence: 'FREQ=WEEKLY;BYDAY=SU',
            origin: { kind: 'annotation', annotation: 'slo-kit.dev/corrections' },
            occurrences: [1, 2, 3, 4].map(week => {
              const start = Date.UTC(2026, 10, 1 + 7 * (week - 1), 1) / 1000;
              return { start, end: start + 3600, excludedStart: start, excludedEnd: start + 3600 };
            }),
            next: { start: Date.UTC(2026, 10, 29, 1) / 1000, end: Date.UTC(2026, 10, 29, 2) / 1000 },
          },
          {
            name: 'cdn-outage',
            category: 'outside-our-control',
            reason: 'The CDN was down',
            timeZone: 'UTC',
            durationSeconds: 5400,
            origin: { kind: 'openslo', annotation: 'slo-kit.dev/openslo', detail: 'openslo/api.yaml' },
            occurrences: [],
          },
        ]}
      />,
    );
    const section = screen.getByRole('region', { name: 'Corrections of orders-availability' });
    const [weekly, outage] = within(section).getAllByRole('listitem');
    expect(weekly).toHaveTextContent(
      'Planned maintenance sunday-maintenance: Weekly database maintenance. Repeats (FREQ=WEEKLY;BYDAY=SU, Europe/Berlin), 1h each. In the 30d window: 2026-11-08 01:00–02:00 UTC; 2026-11-15 01:00–02:00 UTC; 2026-11-22 01:00–02:00 UTC and 1 earlier. Next: 2026-11-29 01:00–02:00 UTC.',
    );
    expect(outage).toHaveTextContent('Outside our control cdn-outage: The CDN was down. Once, 1h30m. None in the 30d window.');
  });

  it('renders nothing without corrections', () => {
    const { container } = render(<SloCorrections name="x" windowLabel="30d" corrections={[]} />);
    expect(container).toBeEmptyDOMElement();
  });
});

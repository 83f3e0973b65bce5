import type {
  ReliabilityReviewResponse,
  SloReviewPeriod,
} from '@slo-kit/plugin-slo-common';
import { act, fireEvent, screen, within } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { ReviewView } from './ReviewView';

const VERDICT_OF: Record<string, SloReviewPeriod['verdict']> = {
  null: 'no-data',
  true: 'met',
  false: 'missed',
};

const period = (
  label: string,
  sli: number | null,
  met: boolean | null,
  extra: Partial<SloReviewPeriod> = {},
): SloReviewPeriod => ({
  start: 0,
  end: 1,
  label,
  good: 0,
  total: sli === null ? 0 : 1000,
  sli,
  verdict: VERDICT_OF[String(met)],
  met,
  inProgress: label === '2026-Q4',
  coverage: 1,
  timeZone: 'UTC',
  budgetSpent: sli === null ? null : (1 - sli) / 0.001,
  exact: true,
  pageMinutes: 0,
  episodes: [],
  episodesFrom: 0,
  ...extra,
});

const slo = (
  name: string,
  periods: SloReviewPeriod[],
  missedPeriods: number,
  pagingHours: number,
) => ({
  entityRef: `component:default/${name}`,
  entityTitle: name,
  name: 'availability',
  ownerRefs: ['group:default/payments'],
  system: null,
  labels: { tier: '1' },
  objective: 0.999,
  window: '30d',
  periods,
  missedPeriods,
  judgedPeriods: 3,
  worstBudgetSpent: {
    value: Math.max(...periods.map(p => p.budgetSpent ?? 0)),
    label: '2026-Q2',
  },
  pagingHours,
  episodes: 0,
});

const review: ReliabilityReviewResponse = {
  now: '2026-11-20T10:40:00.000Z',
  period: 'quarter',
  timeZone: 'UTC',
  groupRef: null,
  periods: ['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4'].map((label, i) => ({
    start: i,
    end: i + 1,
    label,
    current: i === 3,
  })),
  summary: [],
  teams: [
    {
      groupRef: 'group:default/payments',
      title: 'Payments',
      parentRef: null,
      sloIndexes: [0, 1],
      periods: ['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4'].map(label => ({
        label,
        slos: 2,
        met: 1,
        missed: 1,
        unjudged: 0,
        shareMet: 0.5,
        overspent: 1,
        episodes: 1,
        pageMinutes: 60,
      })),
      targets: [
        {
          name: 'quarterly',
          share: 0.95,
          period: 'quarter',
          labels: {},
          periods: [
            {
              label: '2026-Q4',
              judged: 2,
              met: 1,
              shareMet: 0.5,
              status: 'missed',
            },
          ],
          current: 'missed',
        },
      ],
    },
  ],
  slos: [
    slo(
      'search',
      ['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4'].map(l =>
        period(l, 0.9995, true),
      ),
      0,
      9,
    ),
    slo(
      'checkout',
      ['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4'].map(l =>
        period(l, 0.997, false),
      ),
      3,
      2,
    ),
  ],
  problems: [],
};

describe('ReviewView', () => {
  it('ranks the most-missed SLOs first, one sort away from paging hours', async () => {
    await renderInTestApp(
      <ReviewView
        review={review}
        query={{ period: 'quarter', count: 4 }}
        onChange={() => {}}
      />,
    );
    const firstRow = () =>
      within(screen.getByTestId('review-ranking')).getAllByRole('row')[1];
    expect(firstRow()).toHaveTextContent('checkout / availability');
    expect(firstRow()).toHaveTextContent('3 of 3');
    expect(firstRow()).toHaveTextContent('300% (overspent) (2026-Q2)');
    expect(
      screen.getByRole('columnheader', { name: 'quarters missed' }),
    ).toHaveAttribute('aria-sort', 'descending');
    fireEvent.click(screen.getByRole('button', { name: 'Paging' }));
    expect(firstRow()).toHaveTextContent('search / availability');
    expect(screen.getByRole('columnheader', { name: 'Paging' })).toHaveAttribute(
      'aria-sort',
      'descending',
    );
    expect(screen.getByTestId('target-forecast')).toHaveTextContent(
      '2026-Q4 so far: missed',
    );
    expect(
      within(screen.getByTestId('review-grid')).getAllByText(/✗ 99.70% missed/),
    ).toHaveLength(4);
  });

  it('pages a large grid, and prints every row', async () => {
    const many = Array.from({ length: 120 }, (_, i) =>
      slo(
        `svc-${String(i).padStart(3, '0')}`,
        ['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4'].map(l =>
          period(l, 0.9995, true),
        ),
        0,
        0,
      ),
    );
    await renderInTestApp(
      <ReviewView
        review={{
          ...review,
          teams: [{ ...review.teams[0], sloIndexes: many.map((_, i) => i) }],
          slos: many,
        }}
        query={{ period: 'quarter', count: 4 }}
        onChange={() => {}}
      />,
    );
    const gridRows = () =>
      within(screen.getByTestId('review-grid'))
        .getAllByRole('row')
        .slice(1);
    expect(gridRows()).toHaveLength(50);
    expect(gridRows()[0]).toHaveTextContent('svc-000 / availability');
    expect(screen.getByText('1–50 of 120')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Go to next page' }));
    expect(gridRows()[0]).toHaveTextContent('svc-050 / availability');

    act(() => {
      window.dispatchEvent(new Event('beforeprint'));
    });
    expect(gridRows()).toHaveLength(120);
    act(() => {
      window.dispatchEvent(new Event('afterprint'));
    });
    expect(gridRows()).toHaveLength(50);
    expect(gridRows()[0]).toHaveTextContent('svc-050 / availability');

    // The page's print button opens the dialog once every row is drawn.
    const rowsWhenPrinted: number[] = [];
    const print = jest
      .spyOn(window, 'print')
      .mockImplementation(() => rowsWhenPrinted.push(gridRows().length));
    fireEvent.click(screen.getByRole('button', { name: 'Print report' }));
    expect(print).toHaveBeenCalledTimes(1);
    expect(rowsWhenPrinted).toEqual([120]);
    expect(gridRows()).toHaveLength(50);
    print.mockRestore();
  });

  it('names the group a group review is of', async () => {
    await renderInTestApp(
      <ReviewView
        review={{ ...review, groupRef: 'group:default/payments' }}
        query={{ period: 'quarter', count: 4 }}
        onChange={() => {}}
      />,
    );
    expect(screen.getByTestId('review-scope')).toHaveTextContent(
      /^Payments · last 4 quarters/,
    );
  });
});

import type { SloReviewPeriod } from './reviewPeriods';
import {
  reviewPeriodRefs,
  reviewRankingFigures,
  reviewTeamPeriod,
} from './reviewRollup';
import type { ReviewSlo } from './reviewTypes';

function period(
  label: string,
  figures: Partial<SloReviewPeriod> = {},
): SloReviewPeriod {
  return {
    start: 0,
    end: 1,
    label,
    good: 0,
    total: 0,
    sli: null,
    verdict: 'no-data',
    met: null,
    inProgress: false,
    coverage: 1,
    timeZone: 'UTC',
    budgetSpent: null,
    exact: true,
    pageMinutes: null,
    episodes: [],
    episodesFrom: 0,
    ...figures,
  };
}

const episode = {} as SloReviewPeriod['episodes'][number];

function slo(periods: SloReviewPeriod[]): ReviewSlo {
  return { periods } as unknown as ReviewSlo;
}

describe('reviewPeriodRefs', () => {
  it('gives the last periods in the zone, oldest first, the current one marked', () => {
    // 2026-11-15T12:00Z; Berlin's Q4 starts at 2026-09-30T22:00Z (summer time).
    const now = Date.UTC(2026, 10, 15, 12) / 1000;
    const refs = reviewPeriodRefs(
      { period: 'quarter', count: 2, timeZone: 'Europe/Berlin' },
      now,
    );
    expect(refs.map(r => r.label)).toEqual(['2026-Q3', '2026-Q4']);
    expect(refs[1]).toMatchObject({
      start: Date.UTC(2026, 8, 30, 22) / 1000,
      // Winter time by the end of the year.
      end: Date.UTC(2026, 11, 31, 23) / 1000,
      current: true,
    });
    expect(refs[0]).toMatchObject({
      start: Date.UTC(2026, 5, 30, 22) / 1000,
      end: refs[1].start,
      current: false,
    });
  });

  it('ends at the period holding `to`, never after now', () => {
    const now = Date.UTC(2026, 10, 15) / 1000;
    const past = reviewPeriodRefs(
      { period: 'month', count: 1, timeZone: 'UTC', to: Date.UTC(2026, 1, 10) / 1000 },
      now,
    );
    expect(past.map(r => [r.label, r.current])).toEqual([['2026-02', false]]);
    const future = reviewPeriodRefs(
      { period: 'month', count: 1, timeZone: 'UTC', to: Date.UTC(2027, 5, 1) / 1000 },
      now,
    );
    expect(future.map(r => r.label)).toEqual(['2026-11']);
  });
});

describe('reviewTeamPeriod', () => {
  it('counts met, missed, unjudged and overspent SLOs and sums episodes and paging', () => {
    const slos = [
      slo([period('a', { met: true, budgetSpent: 0.5, pageMinutes: 5 })]),
      slo([period('a', { met: false, budgetSpent: 1.5, episodes: [episode, episode] })]),
      slo([period('a', { met: false, budgetSpent: 1, pageMinutes: 10 })]),
      slo([period('a')]),
      slo([]),
    ];
    expect(reviewTeamPeriod(slos, 0, 'a')).toEqual({
      label: 'a',
      slos: 5,
      met: 1,
      missed: 2,
      unjudged: 2,
      shareMet: 1 / 3,
      // Exactly the whole budget spent is not overspent.
      overspent: 1,
      episodes: 2,
      pageMinutes: 15,
    });
  });

  it('has no share met and unknown paging when nothing can be judged', () => {
    expect(reviewTeamPeriod([slo([period('a')])], 0, 'a')).toMatchObject({
      shareMet: null,
      pageMinutes: null,
      unjudged: 1,
    });
  });
});

describe('reviewRankingFigures', () => {
  it('ranks by finished periods only, but the worst budget of any period', () => {
    expect(
      reviewRankingFigures([
        period('q1', { met: false, budgetSpent: 1.2, pageMinutes: 30 }),
        period('q2', { met: true, budgetSpent: 0.4, episodes: [episode] }),
        period('q3', { inProgress: true, met: false, budgetSpent: 2 }),
      ]),
    ).toEqual({
      missedPeriods: 1,
      judgedPeriods: 2,
      worstBudgetSpent: { value: 2, label: 'q3' },
      pagingHours: 0.5,
      episodes: 1,
    });
  });
});

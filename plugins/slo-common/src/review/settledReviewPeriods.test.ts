import { DateTime } from 'luxon';
import { BucketIndex } from '../math/BucketIndex';
import { makeBuckets, testDefinition } from '../math/testDefinitions';
import type { EventBucket } from '../model/EventBucket';
import { alertRulesFor } from '../resolution/alertRulesFor';
import { burnEpisodes } from './burnEpisodes';
import { reviewPeriods, type ReviewPeriodsInput } from './reviewPeriods';
import {
  resumeReviewPeriods,
  settleReviewPeriods,
} from './settledReviewPeriods';

const t = (iso: string) => DateTime.fromISO(iso, { setZone: true }).toSeconds();

const definition = testDefinition({ target: 0.999 });
const at1 = t('2026-11-10T00:00:00Z');
const at2 = t('2026-11-20T10:40:00Z');

/** Uneven counts, so running sums carry rounding that a different order would change. */
function traffic(incidents: Array<[string, string]>) {
  const spans = incidents.map(([from, to]) => [t(from), t(to)]);
  return (i: number, start: number) => {
    const total = 1000 + ((i * 7919) % 997) * 0.37;
    const bad = spans.some(([from, to]) => start >= from && start < to)
      ? total * 0.3
      : 0.4 + ((i * 31) % 7) * 0.1;
    return { good: total - bad, total };
  };
}

/** Hourly history before Oct 10, 5-minute buckets from then on, up to `to`. */
function history(to: number, incidents: Array<[string, string]>): EventBucket[] {
  const split = t('2026-10-10T00:00:00Z');
  const counts = traffic(incidents);
  return [
    ...makeBuckets(t('2026-06-20T00:00:00Z'), split, 3600, counts),
    ...makeBuckets(split, to, 300, (i, start) => counts(i + 5, start)),
  ];
}

function input(
  at: number,
  buckets: EventBucket[],
  extra: Partial<ReviewPeriodsInput> = {},
): ReviewPeriodsInput {
  return {
    definition,
    buckets,
    at,
    period: 'month',
    count: 4,
    bucketSeconds: 300,
    ...extra,
  };
}

/** Episodes as the collector records them: computed from the fine buckets up to `until`. */
function recorded(buckets: EventBucket[], from: number, until: number) {
  return {
    from,
    until,
    episodes: burnEpisodes({
      buckets: BucketIndex.from(buckets),
      rules: alertRulesFor(definition.window, { bucketSeconds: 300 }),
      target: 0.999,
      from,
      to: until,
      stepSeconds: 300,
    }),
  };
}

describe('settleReviewPeriods and resumeReviewPeriods', () => {
  it('give, for a later time, the figures reviewPeriods gives from every bucket, to the bit', () => {
    // An incident in a finished month and one in the current month after the first review.
    const incidents: Array<[string, string]> = [
      ['2026-10-20T08:00:00Z', '2026-10-20T10:00:00Z'],
      ['2026-11-15T08:00:00Z', '2026-11-15T09:00:00Z'],
    ];
    const first = settleReviewPeriods(input(at1, history(at1, incidents)));
    expect(first.periods).toEqual(
      reviewPeriods(input(at1, history(at1, incidents))),
    );
    expect(first.settled).not.toBeNull();
    expect(first.settled!.finished.map(p => p.label)).toEqual([
      '2026-08',
      '2026-09',
      '2026-10',
    ]);
    expect(first.settled!.finished[2].episodes).toHaveLength(1);

    const later = history(at2, incidents);
    const whole = reviewPeriods(input(at2, later));
    const resumed = resumeReviewPeriods(input(at2, later), first.settled!);
    expect(resumed).toEqual(whole);
    expect(JSON.stringify(resumed)).toBe(JSON.stringify(whole));
    expect(whole[3].episodes).toHaveLength(1);
    // Only the buckets of the last period and the alert windows before it are needed.
    const needed = later.filter(b => b.start >= first.settled!.resumeFrom);
    expect(first.settled!.resumeFrom).toBeGreaterThan(t('2026-10-25T00:00:00Z'));
    expect(needed.length).toBeLessThan(later.length);
    expect(resumeReviewPeriods(input(at2, needed), first.settled!)).toEqual(
      whole,
    );
  });

  it('reuse recorded episodes while those of the finished periods are unchanged', () => {
    const incidents: Array<[string, string]> = [
      ['2026-10-20T08:00:00Z', '2026-10-20T10:00:00Z'],
    ];
    const from = t('2026-10-14T00:00:00Z');
    const early = history(at1, incidents);
    const first = settleReviewPeriods(
      input(at1, early, { recorded: recorded(early, from, at1 - 300) }),
    );
    expect(first.settled).not.toBeNull();
    const later = history(at2, incidents);
    const laterInput = input(at2, later, {
      recorded: recorded(later, from, at2 - 300),
    });
    expect(resumeReviewPeriods(laterInput, first.settled!)).toEqual(
      reviewPeriods(laterInput),
    );
    // Records of the finished periods that changed: computed whole again.
    expect(
      resumeReviewPeriods(
        input(at2, later, {
          recorded: { from, until: at2 - 300, episodes: [] },
        }),
        first.settled!,
      ),
    ).toBeNull();
  });

  it('resume when recording began in the current period', () => {
    const incidents: Array<[string, string]> = [
      ['2026-10-20T08:00:00Z', '2026-10-20T10:00:00Z'],
      ['2026-11-15T08:00:00Z', '2026-11-15T09:00:00Z'],
    ];
    const from = t('2026-11-04T00:00:00Z');
    const early = history(at1, incidents);
    const first = settleReviewPeriods(
      input(at1, early, { recorded: recorded(early, from, at1 - 300) }),
    );
    expect(first.settled).not.toBeNull();
    const later = history(at2, incidents);
    const laterInput = input(at2, later, {
      recorded: recorded(later, from, at2 - 600),
    });
    const whole = reviewPeriods(laterInput);
    expect(whole[2].episodes).toHaveLength(1);
    expect(whole[3].episodes).toHaveLength(1);
    expect(resumeReviewPeriods(laterInput, first.settled!)).toEqual(whole);
  });

  it('keep nothing when an episode runs from a finished period into the current one', () => {
    const across: Array<[string, string]> = [
      ['2026-10-31T22:00:00Z', '2026-11-01T03:00:00Z'],
    ];
    const { periods, settled } = settleReviewPeriods(
      input(at1, history(at1, across)),
    );
    expect(settled).toBeNull();
    expect(periods[2].episodes).toHaveLength(1);
  });

  it('refuse another set of periods', () => {
    const buckets = history(at1, []);
    const { settled } = settleReviewPeriods(input(at1, buckets));
    const december = t('2026-12-02T00:00:00Z');
    expect(
      resumeReviewPeriods(input(december, history(december, [])), settled!),
    ).toBeNull();
  });
});

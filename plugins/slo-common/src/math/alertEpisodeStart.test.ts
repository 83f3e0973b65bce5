import type { BurnRateAlertRule } from '../model/SloEvaluation';
import { alertEpisodeStart } from './alertEpisodeStart';
import { makeBuckets } from './testDefinitions';

const MINUTE = 60;
const HOUR = 3600;
const DAY = 86400;
const STEP = 5 * MINUTE;

/** The two page rules of a 30-day SLO. */
const PAGE_RULES: BurnRateAlertRule[] = [
  { severity: 'page', factor: 14.4, longWindowSeconds: HOUR, shortWindowSeconds: 5 * MINUTE, budgetFraction: 0.02 },
  { severity: 'page', factor: 6, longWindowSeconds: 6 * HOUR, shortWindowSeconds: 30 * MINUTE, budgetFraction: 0.05 },
];

const INCIDENT = Date.UTC(2026, 10, 20, 9, 0) / 1000;

/**
 * Two days of 5-minute buckets of 1000 events before `to`, with 20 bad
 * events (2%, 20× a 99.9% objective's budget) in every bucket for which
 * `incident(start)` holds, none otherwise.
 */
function buckets(to: number, incident: (start: number) => boolean) {
  return makeBuckets(to - 2 * DAY, to, STEP, (_index, start) => ({
    total: 1000,
    good: incident(start) ? 980 : 1000,
  }));
}

describe('alertEpisodeStart', () => {
  it('finds the first bucket end at which the fast page fired: the 9th bucket of a 20× burn', () => {
    const at = INCIDENT + 2 * HOUR + 10 * MINUTE;
    const episode = alertEpisodeStart({
      buckets: buckets(at, start => start >= INCIDENT),
      rules: PAGE_RULES,
      target: 0.999,
      at,
      stepSeconds: STEP,
      maxLookbackSeconds: 6 * HOUR,
    });
    // 1h burn = 20 × k / 12 ≥ 14.4 first at k = 9 bad buckets: 09:45.
    expect(episode).toEqual({ since: INCIDENT + 9 * STEP, startedBefore: false });
  });

  it('returns null when no rule fires now', () => {
    const at = INCIDENT + 8 * STEP;
    expect(
      alertEpisodeStart({
        buckets: buckets(at, start => start >= INCIDENT),
        rules: PAGE_RULES,
        target: 0.999,
        at,
        stepSeconds: STEP,
        maxLookbackSeconds: 6 * HOUR,
      }),
    ).toBeNull();
  });

  it('starts the episode after the last quiet bucket end, not at an earlier incident', () => {
    const second = INCIDENT + 8 * HOUR;
    const at = second + HOUR;
    const episode = alertEpisodeStart({
      buckets: buckets(
        at,
        start => (start >= INCIDENT && start < INCIDENT + HOUR) || start >= second,
      ),
      rules: PAGE_RULES.slice(0, 1),
      target: 0.999,
      at,
      stepSeconds: STEP,
      maxLookbackSeconds: 12 * HOUR,
    });
    expect(episode).toEqual({ since: second + 9 * STEP, startedBefore: false });
  });

  it('says the episode started before its bound when the alert fired all the way back', () => {
    const at = INCIDENT + 20 * HOUR;
    const episode = alertEpisodeStart({
      buckets: buckets(at, start => start >= INCIDENT),
      rules: PAGE_RULES,
      target: 0.999,
      at,
      stepSeconds: STEP,
      maxLookbackSeconds: 6 * HOUR,
    });
    expect(episode).toEqual({ since: at - 6 * HOUR, startedBefore: true });
  });

  it('stops where no bucket is stored: the episode is at least that old', () => {
    const at = INCIDENT + 3 * HOUR;
    const stored = buckets(at, () => true).filter(bucket => bucket.start >= INCIDENT);
    const episode = alertEpisodeStart({
      buckets: stored,
      rules: PAGE_RULES.slice(0, 1),
      target: 0.999,
      at,
      stepSeconds: STEP,
      maxLookbackSeconds: 6 * HOUR,
    });
    // The 5m window ending at 09:00 holds no bucket: nothing to judge before 09:05.
    expect(episode).toEqual({ since: INCIDENT + STEP, startedBefore: true });
  });
});

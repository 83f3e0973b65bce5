import { seedOf, uniform } from './random';

/**
 * What a demo SLO's synthetic history looks like.
 *
 * - `healthy`: steady low error rate and a few short incidents.
 * - `burning`: healthy history and an incident that started 70 minutes before
 *   the anchor and is still going (2% errors: a 20× burn for a 99.9% SLO, so both page windows fire).
 * - `overspent`: an error rate of 0.65% for the 45 days before the anchor,
 *   above a 99.5% objective's budget.
 * - `partial`: data only for the 12 days before the anchor, with a 6-hour gap.
 * - `low-traffic`: a few events an hour, too few for a trusted figure.
 *
 * @public
 */
export type DemoScenario =
  | 'healthy'
  | 'burning'
  | 'overspent'
  | 'partial'
  | 'low-traffic';

/** All scenarios, for config validation. */
export const DEMO_SCENARIOS: readonly DemoScenario[] = [
  'healthy',
  'burning',
  'overspent',
  'partial',
  'low-traffic',
];

/**
 * Event counts of one minute; undefined where the "metric" has no data.
 *
 * @public
 */
export type MinuteCounts = { total: number; bad: number } | undefined;

interface Incident {
  start: number;
  end: number;
  errorRate: number;
}

const MINUTE = 60;
const HOUR = 3600;
const DAY = 86400;

// Salts keep the random streams of different quantities independent.
const SALT_RATE = 1;
const SALT_BASELINE = 2;
const SALT_INCIDENT_START = 3;
const SALT_INCIDENT_LENGTH = 4;
const SALT_INCIDENT_RATE = 5;
const SALT_NOISE = 6;
const SALT_TOTAL_ROUNDING = 7;
const SALT_BAD_ROUNDING = 8;
const SALT_QUIET_HOUR = 9;

/**
 * Deterministic synthetic traffic of one SLO, minute by minute. Every figure
 * depends only on the SLO id, the scenario, the anchor and the minute, so
 * buckets of any size sum to the same totals and repeated requests agree.
 *
 * @public
 */
export class DemoTrafficModel {
  private readonly seed: number;
  private readonly ratePerMinute: number;
  private readonly baselineErrorRate: number;
  private readonly incidents: Incident[];
  private readonly quietHour: number;

  /**
   * @param sloId - seeds the figures
   * @param scenario - the shape of the history
   * @param anchor - epoch seconds that scenarios are placed against ("now" of the demo)
   */
  constructor(
    sloId: string,
    readonly scenario: DemoScenario,
    readonly anchor: number,
  ) {
    this.seed = seedOf(sloId);
    this.ratePerMinute =
      scenario === 'low-traffic'
        ? 0.05
        : 300 + 1200 * uniform(this.seed, 0, SALT_RATE);
    this.baselineErrorRate =
      0.00005 + 0.0001 * uniform(this.seed, 0, SALT_BASELINE);
    this.quietHour = 1 + Math.floor(3 * uniform(this.seed, 0, SALT_QUIET_HOUR));
    this.incidents = this.placeIncidents();
  }

  private placeIncidents(): Incident[] {
    const incidents: Incident[] = [];
    for (let k = 0; k < 4; k++) {
      const daysBefore = 2 + 85 * uniform(this.seed, k, SALT_INCIDENT_START);
      const start =
        Math.floor((this.anchor - daysBefore * DAY) / MINUTE) * MINUTE;
      const minutes =
        10 + Math.floor(30 * uniform(this.seed, k, SALT_INCIDENT_LENGTH));
      incidents.push({
        start,
        end: start + minutes * MINUTE,
        errorRate: 0.01 + 0.03 * uniform(this.seed, k, SALT_INCIDENT_RATE),
      });
    }
    if (this.scenario === 'burning') {
      const start = this.anchor - 70 * MINUTE;
      incidents.push({ start, end: start + 6 * HOUR, errorRate: 0.02 });
    }
    return incidents;
  }

  /** Whether the metric has data for the minute starting at `t`. */
  private hasData(t: number): boolean {
    if (this.scenario !== 'partial') {
      return true;
    }
    const gapStart = this.anchor - 3 * DAY;
    const inGap = t >= gapStart && t < gapStart + 6 * HOUR;
    return t >= this.anchor - 12 * DAY && !inGap;
  }

  /** Traffic relative to the busiest hour: daily and weekly shape. */
  private shape(t: number): number {
    const hourOfDay = (t % DAY) / HOUR;
    const daily =
      0.35 +
      0.65 * (0.5 - 0.5 * Math.cos((2 * Math.PI * (hourOfDay - 3)) / 24));
    // 1970-01-01 was a Thursday; 0 is Sunday.
    const dayOfWeek = (Math.floor(t / DAY) + 4) % 7;
    const weekly = dayOfWeek === 0 || dayOfWeek === 6 ? 0.55 : 1;
    return daily * weekly;
  }

  /** A weekly maintenance window with no traffic at all (Sunday night, UTC). */
  private isQuiet(t: number): boolean {
    const dayOfWeek = (Math.floor(t / DAY) + 4) % 7;
    const hourOfDay = Math.floor((t % DAY) / HOUR);
    return dayOfWeek === 0 && hourOfDay === this.quietHour;
  }

  private errorRate(t: number): number {
    let rate = this.baselineErrorRate;
    if (this.scenario === 'overspent' && t >= this.anchor - 45 * DAY) {
      rate = 0.0065;
    }
    for (const incident of this.incidents) {
      if (t >= incident.start && t < incident.end) {
        rate = Math.max(rate, incident.errorRate);
      }
    }
    return rate;
  }

  /** Counts of the minute starting at `t` (a multiple of 60). */
  minute(t: number): MinuteCounts {
    if (!this.hasData(t)) {
      return undefined;
    }
    if (this.isQuiet(t)) {
      return { total: 0, bad: 0 };
    }
    const index = t / MINUTE;
    const noise = 0.9 + 0.2 * uniform(this.seed, index, SALT_NOISE);
    const expected = this.ratePerMinute * this.shape(t) * noise;
    // Rounding up with the fractional part's probability keeps small rates honest.
    const total = Math.floor(
      expected + uniform(this.seed, index, SALT_TOTAL_ROUNDING),
    );
    const bad = Math.min(
      total,
      Math.floor(
        total * this.errorRate(t) +
          uniform(this.seed, index, SALT_BAD_ROUNDING),
      ),
    );
    return { total, bad };
  }
}

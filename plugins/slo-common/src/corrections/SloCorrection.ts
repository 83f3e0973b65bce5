/**
 * Catalog annotation that declares corrections: time ranges excluded from
 * the budget of the entity's SLOs, as a YAML list (see `parseCorrections`).
 *
 * @public
 */
export const SLO_CORRECTIONS_ANNOTATION = 'slo-kit.dev/corrections';

/**
 * Why a range is excluded. The three kinds of accepted unreliability that
 * Nobl9's budget adjustments and Datadog's status corrections cover:
 * `planned-maintenance` (announced work; may be declared ahead of time),
 * `bad-data` (the measurement was wrong, not the service) and
 * `outside-our-control` (an upstream outage the SLO should not count).
 *
 * @public
 */
export type CorrectionCategory = 'planned-maintenance' | 'bad-data' | 'outside-our-control';

/**
 * Every correction category, in the order messages list them.
 *
 * @public
 */
export const CORRECTION_CATEGORIES: readonly CorrectionCategory[] = [
  'planned-maintenance',
  'bad-data',
  'outside-our-control',
];

/**
 * A weekday as RFC 5545 spells it, with an optional ordinal for monthly
 * rules (`1SU` first Sunday, `-1FR` last Friday).
 *
 * @public
 */
export interface RecurrenceWeekday {
  /** 1 = Monday … 7 = Sunday (ISO, as luxon numbers them). */
  weekday: number;
  /** Only in MONTHLY rules: the n-th (negative: from the end) such weekday of the month. */
  ordinal?: number;
}

/**
 * The subset of an RFC 5545 recurrence rule that corrections read:
 * `FREQ=DAILY|WEEKLY|MONTHLY`, `INTERVAL`, `BYDAY`, `COUNT`, `UNTIL`.
 *
 * @public
 */
export interface RecurrenceRule {
  frequency: 'daily' | 'weekly' | 'monthly';
  /** Every n-th day, week or month; 1 when not written. */
  interval: number;
  byDay?: RecurrenceWeekday[];
  /** At most this many occurrences, the first one included. */
  count?: number;
  /** No occurrence starts after this instant (epoch seconds, inclusive). */
  until?: number;
  /** The rule as written, for display and export. */
  text: string;
}

/**
 * Which SLOs of the declaring entity a correction applies to.
 *
 * @public
 */
export type CorrectionTarget =
  | { kind: 'entity' }
  | { kind: 'slos'; names: string[] }
  | { kind: 'labels'; labels: Record<string, string> };

/**
 * A correction: one range, or a recurring one, excluded from the budget of
 * some SLOs of an entity. Every event of a bucket that overlaps an
 * occurrence leaves good and total alike (see `excludeCorrectedBuckets`).
 *
 * @public
 */
export interface SloCorrection {
  /** Unique among the entity's corrections. */
  name: string;
  entityRef: string;
  category: CorrectionCategory;
  /** Why, in words people read on the SLO's page. */
  reason: string;
  /** Start of the first occurrence, epoch seconds. */
  start: number;
  /** Length of every occurrence in elapsed seconds. */
  durationSeconds: number;
  /**
   * IANA zone the start was written in; recurring occurrences start at the
   * same local time of day in it, across daylight-saving changes.
   */
  timeZone: string;
  recurrence?: RecurrenceRule;
  target: CorrectionTarget;
  /** Where it was declared, for messages and the API. */
  origin: { kind: 'annotation' | 'openslo'; annotation: string; detail?: string };
}

/**
 * One occurrence of a correction: `[start, end)` in epoch seconds.
 *
 * @public
 */
export interface CorrectionOccurrence {
  start: number;
  end: number;
}

/**
 * Most occurrences a correction may have. 1,000 is a daily window for
 * more than the default 400-day retention twice over, or a weekly one for
 * 19 years; beyond that it is not a list anyone reads on an SLO's page, and
 * every figure that reads buckets expands the occurrences it overlaps.
 * Rules without COUNT or UNTIL are expanded only over the range a figure
 * reads (at most the retention), at most one occurrence per day.
 *
 * @public
 */
export const MAX_CORRECTION_OCCURRENCES = 1000;

/**
 * Most corrections one entity may declare; the rest are left out with a problem.
 *
 * @public
 */
export const MAX_CORRECTIONS_PER_ENTITY = 100;

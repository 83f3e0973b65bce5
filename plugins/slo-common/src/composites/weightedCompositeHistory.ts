import type { SloPeriod, SloSeriesPoint } from '../api/types';
import type { EventBucket } from '../model/EventBucket';
import type { SloWindow } from '../model/SloDefinition';
import { BucketIndex } from '../math/BucketIndex';
import { errorBudgetShare } from '../math/burnRate';
import { meetsTarget } from '../math/sloHealth';
import { calendarPeriodSpans } from '../math/periodHistory';
import type { SloPeriodVerdict } from '../math/periodVerdict';
import { seriesSpans } from '../math/sloSeries';
import { windowBounds } from '../math/windowBounds';
import { poolBuckets } from './poolBuckets';
import { weightedSli } from './evaluateWeightedComposite';

/**
 * The members of a `weighted` composite, as its history and series read them.
 *
 * @public
 */
export interface WeightedCompositeMembersInput {
  objective: number;
  window: SloWindow;
  /** Evaluation time, epoch seconds: nothing after it is counted. */
  at: number;
  members: ReadonlyArray<{ weight: number; buckets: readonly EventBucket[] }>;
}

/** Indexes of the members and of their pooled events, and the weighted SLI over a span. */
function weightedReader(members: WeightedCompositeMembersInput['members']) {
  const indexes = members.map(m => ({ weight: m.weight, index: BucketIndex.from(m.buckets) }));
  const pooled = BucketIndex.from(
    poolBuckets(members.map((m, i) => ({ sloId: String(i), buckets: m.buckets }))).buckets,
  );
  const sliOver = (start: number, end: number) =>
    weightedSli(
      indexes.map(({ weight, index }) => {
        const sums = index.sum(start, end);
        return { weight, sli: sums.total > 0 ? Math.min(sums.good, sums.total) / sums.total : null };
      }),
    );
  return { pooled, sliOver };
}

/**
 * A `weighted` composite's attainment per calendar period: over each period
 * (so far, for the one containing `at`), `SLI = Σ wᵢ·SLIᵢ / Σ wᵢ` with each
 * member's SLI over that same period, over the members with events in it —
 * the definition of the current window's figure, applied to the period.
 *
 * `good` and `total` are the members' events pooled, for their volume only:
 * the SLI is the weighted one, not `good / total`. The verdict is `no-data`
 * when no member has events, else `met` when the weighted SLI meets the
 * objective and `missed` otherwise (a composite has no minimum of events).
 * `coverage` is the share of the period the members' pooled buckets cover.
 *
 * @public
 */
export function weightedCompositeHistory(
  input: WeightedCompositeMembersInput & {
    period: 'week' | 'month' | 'quarter';
    count: number;
    /** Zone of the periods; a calendar window's own zone wins. Default UTC. */
    timeZone?: string;
  },
): SloPeriod[] {
  const { at, objective, period } = input;
  const zone = input.window.type === 'calendar' ? input.window.timeZone : input.timeZone ?? 'UTC';
  const count = Math.max(0, Math.min(1000, Math.floor(input.count)));
  const { pooled, sliOver } = weightedReader(input.members);
  return calendarPeriodSpans(period, zone, at, count).map(({ start, end, label }) => {
    const sumEnd = Math.min(end, at);
    const sums = pooled.sum(start, sumEnd);
    const sli = sumEnd > start ? sliOver(start, sumEnd) : null;
    let verdict: SloPeriodVerdict = 'no-data';
    if (sli !== null) verdict = meetsTarget(sli, objective) ? 'met' : 'missed';
    return {
      start,
      end,
      label,
      good: Math.min(sums.good, sums.total),
      total: sums.total,
      sli,
      verdict,
      met: verdict === 'no-data' ? null : verdict === 'met',
      inProgress: at < end,
      coverage: sumEnd > start ? Math.min(1, sums.coveredSeconds / (sumEnd - start)) : 0,
    };
  });
}

/**
 * A `weighted` composite's series over `[from, to]`, on the same points as
 * `sloSeries` lays out over the members' pooled buckets. At each point
 * ending at `t`: `sli` is the weighted SLI over the window ending at `t`
 * (each member's SLI over that window), `budgetRemaining`
 * `1 − (1 − sli) / (1 − objective)`, and `burnRate`
 * `(1 − SLI_span) / (1 − objective)` with the weighted SLI over the point's
 * own span `[from, t)` — the current window's definitions, at every point.
 * `good` and `total` are the members' pooled events of the span, for volume.
 *
 * @public
 */
export function weightedCompositeSeries(
  input: WeightedCompositeMembersInput & { from: number; to: number; maxPoints?: number },
): { stepSeconds: number; points: SloSeriesPoint[] } {
  const budgetShare = errorBudgetShare(input.objective);
  const { pooled, sliOver } = weightedReader(input.members);
  const { stepSeconds, spans } = seriesSpans({ ...input, index: pooled });
  const ofBudget = (sli: number | null) => (sli === null || !(budgetShare > 0) ? null : (1 - sli) / budgetShare);
  const points = spans.map(([from, t]): SloSeriesPoint => {
    const step = pooled.sum(from, t);
    const bounds = windowBounds(input.window, t);
    const sli = sliOver(bounds.start, bounds.end);
    const spent = ofBudget(sli);
    return {
      from,
      t,
      good: Math.min(step.good, step.total),
      total: step.total,
      sli,
      budgetRemaining: spent === null ? null : 1 - spent,
      burnRate: ofBudget(sliOver(from, t)),
    };
  });
  return { stepSeconds, points };
}

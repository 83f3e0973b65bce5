import {
  countsAsMeeting,
  type ScorecardFigures,
  type ServicesWithoutSlos,
  type ScorecardSlo,
  type ScorecardTrend,
} from '@slo-kit/plugin-slo-common';

/**
 * Whether a row meets its objective now: true or false by the status rule
 * (`countsAsMeeting`: met or at risk; a paging SLO does not), or null when its
 * status is unknown (no data, too little traffic).
 */
function meetingNow(row: ScorecardSlo): boolean | null {
  return row.health === 'unknown' ? null : countsAsMeeting(row.health);
}

/** Whether a row met its objective in the previous period; null without a verdict. */
function meetingBefore(row: ScorecardSlo): boolean | null {
  if (row.previousPeriodVerdict === 'met') return true;
  return row.previousPeriodVerdict === 'missed' ? false : null;
}

/**
 * Percentage points to one decimal, half away from zero; a change that is not
 * zero never rounds to "no change".
 */
export function roundPoints(points: number): number {
  if (points === 0) {
    return 0;
  }
  const rounded = Math.round(Math.abs(points) * 10) / 10;
  return Math.sign(points) * Math.max(rounded, 0.1);
}

function trendOf(rows: readonly ScorecardSlo[]): ScorecardTrend {
  let compared = 0;
  let before = 0;
  let now = 0;
  for (const row of rows) {
    const wasMeeting = meetingBefore(row);
    const isMeeting = meetingNow(row);
    // Unknown in either period: out of both sides, so a change to or from
    // "too little traffic" is neither a drop nor a rise.
    if (wasMeeting !== null && isMeeting !== null) {
      compared++;
      before += wasMeeting ? 1 : 0;
      now += isMeeting ? 1 : 0;
    }
  }
  return {
    compared,
    meetingBefore: before,
    meetingNow: now,
    points: compared === 0 ? null : roundPoints(((now - before) / compared) * 100),
  };
}

/**
 * The one computation of a scorecard's figures for a set of rows: the org
 * strip, every group row (parents included, from all their members' rows),
 * the CSV and the API all show these.
 *
 * - share meeting = SLOs meeting now (met or at risk) / SLOs whose status is
 *   known now; unknown ones are counted apart;
 * - trend = share meeting now − share meeting in the previous period, both
 *   over the SLOs known in both periods.
 *
 * @internal
 */
export function scorecardFigures(rows: readonly ScorecardSlo[]): ScorecardFigures {
  const verdicts = rows.map(meetingNow);
  const meeting = verdicts.filter(v => v === true).length;
  const unknown = verdicts.filter(v => v === null).length;
  const known = rows.length - unknown;
  return {
    // Composites are a System's or a Domain's, not a service's.
    services: new Set(rows.filter(row => !row.composite).map(row => row.entityRef))
      .size,
    slos: rows.length,
    meeting,
    unknown,
    meetingShare: known === 0 ? null : meeting / known,
    paging: rows.filter(row => row.paging).length,
    trend: trendOf(rows),
  };
}

/**
 * "12 services without SLOs, 9 with a ready suggestion", for a set of
 * Components that declare no SLO (a group's, or the organisation's).
 *
 * @internal
 */
export function servicesWithoutSlos(
  services: ReadonlyArray<{ hasSuggestion: boolean }>,
): ServicesWithoutSlos {
  return {
    services: services.length,
    withSuggestion: services.filter(service => service.hasSuggestion).length,
  };
}

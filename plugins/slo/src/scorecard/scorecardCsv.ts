import type { ScorecardSlo } from '@slo-kit/plugin-slo-common';
import { HEALTH_LABELS, sloKind } from '../status';
import type { GroupTreeRow } from './groupTree';
import { csvPercent, toCsv, type CsvCell } from './toCsv';

/**
 * The SLO table as CSV, in the order shown; percentages as numbers. The
 * verdicts and changes are the API's, as the page shows them. The kind
 * column tells a composite SLO's row from a plain SLO's (`sloKind`).
 */
export function slosToCsv(rows: readonly ScorecardSlo[]): string {
  const header: CsvCell[] = [
    'Service',
    'Entity ref',
    'SLO',
    'Kind',
    'Objective (%)',
    'Window',
    'Attainment (%)',
    'Budget remaining (%)',
    'Status',
    'Paging',
    'Ticket',
    'Data state',
    'Previous period (%)',
    'Previous period verdict',
    'Change (pts)',
    'Demo data',
  ];
  const body = rows.map((row): CsvCell[] => {
    return [
      row.entityTitle,
      row.entityRef,
      row.name,
      sloKind(row.composite),
      csvPercent(row.objective),
      row.window,
      csvPercent(row.sli),
      csvPercent(row.budgetRemaining),
      HEALTH_LABELS[row.health],
      row.paging,
      row.ticketing,
      row.dataState,
      csvPercent(row.previousPeriodSli),
      row.previousPeriodVerdict,
      row.changePoints,
      row.demo,
    ];
  });
  return toCsv([header, ...body]);
}

/**
 * The teams table as CSV; depth shows as the parent column. Share meeting is
 * of the SLOs with a known status; the trend is the API's figure with what it
 * compares; the last two columns are empty when the backend does not search
 * for suggested SLOs.
 */
export function groupsToCsv(rows: readonly GroupTreeRow[]): string {
  const header: CsvCell[] = [
    'Team',
    'Group ref',
    'Parent',
    'Services',
    'SLOs',
    'Meeting',
    'Unknown',
    'Meeting (% of known)',
    'Paging',
    'Worst budget remaining (%)',
    'Worst budget SLO',
    'Trend vs last period (pts)',
    'SLOs known in both periods',
    'Meeting last period (of those)',
    'Meeting now (of those)',
    'Services without SLOs',
    'With a ready suggestion',
  ];
  const body = rows.map(({ group }): CsvCell[] => [
    group.title,
    group.groupRef,
    group.parentRef,
    group.services,
    group.slos,
    group.meeting,
    group.unknown,
    csvPercent(group.meetingShare),
    group.paging,
    csvPercent(group.worstBudget?.budgetRemaining ?? null),
    group.worstBudget ? `${group.worstBudget.entityRef}/${group.worstBudget.name}` : null,
    group.trend.points,
    group.trend.compared,
    group.trend.meetingBefore,
    group.trend.meetingNow,
    group.withoutSlos?.services ?? null,
    group.withoutSlos?.withSuggestion ?? null,
  ]);
  return toCsv([header, ...body]);
}

import type { ScorecardSlo } from '@slo-kit/plugin-slo-common';
import { HEALTH_LABELS } from '../status';
import { meetingShare, type GroupTreeRow } from './groupTree';
import { changePoints } from './sloTable';
import { csvPercent, toCsv, type CsvCell } from './toCsv';

/** The SLO table as CSV, in the order shown; percentages as numbers. */
export function slosToCsv(rows: readonly ScorecardSlo[]): string {
  const header: CsvCell[] = [
    'Service',
    'Entity ref',
    'SLO',
    'Objective (%)',
    'Window',
    'Attainment (%)',
    'Budget remaining (%)',
    'Status',
    'Paging',
    'Ticket',
    'Data state',
    'Previous period (%)',
    'Change (pts)',
    'Demo data',
  ];
  const body = rows.map((row): CsvCell[] => {
    const change = changePoints(row);
    return [
      row.entityTitle,
      row.entityRef,
      row.name,
      csvPercent(row.objective),
      row.window,
      csvPercent(row.sli),
      csvPercent(row.budgetRemaining),
      HEALTH_LABELS[row.health],
      row.paging,
      row.ticketing,
      row.dataState,
      csvPercent(row.previousPeriodSli),
      change === null ? null : Math.round(change * 10_000) / 10_000,
      row.demo,
    ];
  });
  return toCsv([header, ...body]);
}

/** The teams table as CSV; depth shows as the parent column. */
export function groupsToCsv(rows: readonly GroupTreeRow[]): string {
  const header: CsvCell[] = [
    'Team',
    'Group ref',
    'Parent',
    'Services',
    'SLOs',
    'Meeting',
    'Meeting (%)',
    'Paging',
    'Worst budget remaining (%)',
    'Worst budget SLO',
    'Trend vs last period (pts)',
  ];
  const body = rows.map(({ group }): CsvCell[] => [
    group.title,
    group.groupRef,
    group.parentRef,
    group.services,
    group.slos,
    group.meeting,
    csvPercent(meetingShare(group)),
    group.paging,
    csvPercent(group.worstBudget?.budgetRemaining ?? null),
    group.worstBudget ? `${group.worstBudget.entityRef}/${group.worstBudget.name}` : null,
    group.trendPoints,
  ]);
  return toCsv([header, ...body]);
}

import type { Theme } from '@mui/material/styles';
import { statusColors } from './statusColors';
import {
  countsAsMeeting,
  meetsTarget,
  SLO_HEALTH_ORDER,
  type SloHealth,
} from '@slo-kit/plugin-slo-common';

/**
 * The words that go with every status colour. The status itself is decided
 * once, by `sloHealth` in slo-common; the API sends it as `health`.
 */
export const HEALTH_LABELS: Record<SloHealth, string> = {
  paging: 'Paging',
  breaching: 'Breaching',
  'at-risk': 'At risk',
  unknown: 'Unknown',
  met: 'Meeting',
};

/** One sentence for tooltips and screen readers. */
export const HEALTH_DESCRIPTIONS: Record<SloHealth, string> = {
  paging: 'A page alert fires: the error budget burns fast enough to run out within days',
  breaching: 'Missing its objective: the error budget is overspent',
  'at-risk': 'Meeting its objective, but a ticket alert fires or less than 25% of the budget is left',
  unknown: 'Status unknown: not enough trustworthy data',
  met: 'Meeting its objective',
};

/** Worst first: what needs attention sorts to the top (slo-common's order). */
export const HEALTH_RANK: Record<SloHealth, number> = Object.fromEntries(
  SLO_HEALTH_ORDER.map((health, rank) => [health, rank]),
) as Record<SloHealth, number>;

/**
 * The text colour of a status, from the theme's palette and readable (WCAG AA)
 * on its backgrounds; see `statusColors` for shapes and filled chips.
 */
export function healthColor(theme: Theme, health: SloHealth): string {
  const name = healthPaletteName(health);
  return name === 'default' ? theme.palette.text.secondary : statusColors(theme, name).text;
}

/** The MUI colour name for chips and progress bars. */
export function healthPaletteName(
  health: SloHealth,
): 'success' | 'warning' | 'error' | 'default' {
  switch (health) {
    case 'met':
      return 'success';
    case 'at-risk':
      return 'warning';
    case 'paging':
    case 'breaching':
      return 'error';
    default:
      return 'default';
  }
}

/**
 * Whether an SLO counts as "meeting" in a summary: its status is met or at
 * risk (slo-common's `countsAsMeeting`) and its attainment meets the target.
 * A paging SLO never counts, even while its attainment is above target.
 */
export function meetsObjective(
  sli: number | null | undefined,
  target: number,
  health: SloHealth,
): boolean {
  return countsAsMeeting(health) && sli !== null && sli !== undefined && meetsTarget(sli, target);
}

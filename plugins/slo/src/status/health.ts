import type { Theme } from '@mui/material/styles';
import type { SloHealth } from '@slo-kit/plugin-slo-common';

/** The words that go with every status colour. */
export const HEALTH_LABELS: Record<SloHealth, string> = {
  met: 'Meeting',
  'at-risk': 'At risk',
  breaching: 'Breaching',
  unknown: 'Unknown',
};

/** One sentence for tooltips and screen readers. */
export const HEALTH_DESCRIPTIONS: Record<SloHealth, string> = {
  met: 'Meeting its objective',
  'at-risk': 'Meeting its objective, but an alert fires or little budget is left',
  breaching: 'Missing its objective: the error budget is overspent',
  unknown: 'Status unknown: not enough trustworthy data',
};

/** Worst first: what needs attention sorts to the top. */
export const HEALTH_RANK: Record<SloHealth, number> = {
  breaching: 0,
  'at-risk': 1,
  unknown: 2,
  met: 3,
};

/** The theme colour of a status; the only place status colours come from. */
export function healthColor(theme: Theme, health: SloHealth): string {
  switch (health) {
    case 'met':
      return theme.palette.success.main;
    case 'at-risk':
      return theme.palette.warning.main;
    case 'breaching':
      return theme.palette.error.main;
    default:
      return theme.palette.text.disabled;
  }
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
    case 'breaching':
      return 'error';
    default:
      return 'default';
  }
}

/**
 * Whether an SLO meets its objective now: attainment at or above target,
 * with data good enough to judge. Not the same as "met": an SLO that
 * pages is "at risk" while it is still above target.
 */
export function meetsObjective(
  sli: number | null | undefined,
  target: number,
  health: SloHealth,
): boolean {
  return health !== 'unknown' && sli !== null && sli !== undefined && sli >= target;
}

import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Typography from '@mui/material/Typography';
import type { SloPeriod } from '@slo-kit/plugin-slo-common';
import { DateTime } from 'luxon';
import { formatAttainment, objectiveDecimals } from '../../format';

/** Props of {@link SloHistory}. */
export interface SloHistoryProps {
  periods: SloPeriod[];
  period: 'week' | 'month';
  target: number;
  /** The zone calendar periods are cut in; UTC by default. */
  timeZone?: string;
}

/** `Oct 2026` for months, the API's label (`2026-W44`) for weeks. */
export function periodName(period: SloPeriod, kind: 'week' | 'month', zone = 'UTC'): string {
  if (kind === 'month') {
    return DateTime.fromSeconds(period.start, { zone }).toFormat('LLL yyyy');
  }
  return period.label;
}

/**
 * Attainment per week or month, oldest first: met (✓) or missed (✗), with the
 * current period marked "so far". Periods without data say so.
 */
export function SloHistory(props: SloHistoryProps) {
  const { periods, period, target, timeZone } = props;
  const finished = periods.filter(item => !item.inProgress && item.met !== null);
  const met = finished.filter(item => item.met).length;
  const unit = period === 'month' ? 'months' : 'weeks';
  return (
    <Box>
      <Typography variant="body2" color="text.secondary" data-testid="slo-history-summary">
        {finished.length === 0
          ? `No finished ${unit} with data yet.`
          : `Met the objective in ${met} of ${finished.length} finished ${unit}.`}
      </Typography>
      <Box
        component="ul"
        aria-label={`Attainment per ${period}`}
        sx={{ display: 'flex', flexWrap: 'wrap', gap: 0.75, listStyle: 'none', p: 0, m: 0, mt: 1 }}
      >
        {periods.map(item => {
          const name = periodName(item, period, timeZone);
          let mark = '–';
          let verdict = 'no data';
          let color: 'success' | 'error' | 'default' = 'default';
          if (item.met === true) {
            mark = '✓';
            verdict = 'met';
            color = 'success';
          } else if (item.met === false) {
            mark = '✗';
            verdict = 'missed';
            color = 'error';
          }
          const value = item.sli === null ? 'no data' : formatAttainment(item.sli, objectiveDecimals(target));
          const soFar = item.inProgress ? ' (so far)' : '';
          return (
            <li key={item.start}>
              <Chip
                size="small"
                variant={item.inProgress ? 'outlined' : 'filled'}
                color={color}
                data-testid="slo-history-period"
                data-met={String(item.met)}
                label={`${name}${soFar} ${mark} ${item.sli === null ? '' : value}`.trim()}
                title={`${name}${soFar}: ${verdict}${item.sli === null ? '' : `, ${value}`}`}
              />
            </li>
          );
        })}
      </Box>
    </Box>
  );
}

import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import { useTheme } from '@mui/material/styles';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import type { SloPeriod, SloPeriodVerdict } from '@slo-kit/plugin-slo-common';
import { DateTime } from 'luxon';
import { formatAttainment, formatCount, objectiveDecimals } from '../../format';
import { statusChipSx } from '../SloHealthChip/statusChipSx';

/** Props of {@link SloHistory}. */
export interface SloHistoryProps {
  periods: SloPeriod[];
  period: 'week' | 'month';
  target: number;
  /** The zone calendar periods are cut in; UTC by default. */
  timeZone?: string;
  /** Fewest events a period needs for a verdict, as the API says; 0 or absent: any. */
  minimumEvents?: number;
}

/**
 * `Oct 2026` for months; the dates of a week: `21–27 Sep 2026`,
 * `28 Sep – 4 Oct 2026`, `28 Dec 2026 – 3 Jan 2027`.
 */
export function periodName(period: SloPeriod, kind: 'week' | 'month', zone = 'UTC'): string {
  const start = DateTime.fromSeconds(period.start, { zone });
  if (kind === 'month') {
    return start.toFormat('LLL yyyy');
  }
  // The last day of the week: the day before the next period starts.
  const last = DateTime.fromSeconds(period.end, { zone }).minus({ days: 1 });
  if (start.year !== last.year) {
    return `${start.toFormat('d LLL yyyy')} – ${last.toFormat('d LLL yyyy')}`;
  }
  if (start.month !== last.month) {
    return `${start.toFormat('d LLL')} – ${last.toFormat('d LLL yyyy')}`;
  }
  return `${start.toFormat('d')}–${last.toFormat('d LLL yyyy')}`;
}

/** Mark, words and chip colour of each verdict. */
const VERDICTS: Record<
  SloPeriodVerdict,
  { mark: string; words: string; color: 'success' | 'error' | 'default' }
> = {
  met: { mark: '✓', words: 'met', color: 'success' },
  missed: { mark: '✗', words: 'missed', color: 'error' },
  'low-traffic': { mark: '', words: 'too little traffic', color: 'default' },
  'no-data': { mark: '', words: 'no data', color: 'default' },
};

/** "fewer than the minimum of 1,000 events", or nothing when the minimum is unknown. */
function belowMinimum(minimumEvents: number | undefined): string {
  return minimumEvents ? ` (fewer than the minimum of ${formatCount(minimumEvents)} events)` : '';
}

/** The line above the chips: verdicts of finished periods, and those without one. */
function summaryLine(
  shown: readonly SloPeriod[],
  unit: string,
  minimumEvents: number | undefined,
): string {
  const finished = shown.filter(item => !item.inProgress);
  const judged = finished.filter(item => item.verdict === 'met' || item.verdict === 'missed');
  const met = judged.filter(item => item.verdict === 'met').length;
  const quiet = finished.filter(item => item.verdict === 'low-traffic').length;
  const tooQuiet = `${quiet} had too little traffic to judge${belowMinimum(minimumEvents)}`;
  if (judged.length === 0) {
    return quiet > 0
      ? `No verdict yet: all ${quiet} finished ${unit} had too little traffic to judge${belowMinimum(minimumEvents)}.`
      : `No finished ${unit} with data yet.`;
  }
  const line = `Met the objective in ${met} of ${judged.length} finished ${unit} with enough traffic`;
  return quiet > 0 ? `${line}; ${tooQuiet}.` : `${line}.`;
}

/**
 * Attainment per week or month, oldest first: met (✓), missed (✗), too little
 * traffic or no data in words, with the current period marked "so far". The
 * verdicts are the API's (one rule, `periodVerdict`). Periods before the
 * first data are left out and said so in one line.
 */
export function SloHistory(props: SloHistoryProps) {
  const { periods, period, target, timeZone, minimumEvents } = props;
  const unit = period === 'month' ? 'months' : 'weeks';
  const firstWithData = periods.findIndex(item => item.verdict !== 'no-data');
  const shown = firstWithData < 0 ? [] : periods.slice(firstWithData);
  const decimals = objectiveDecimals(target);
  const theme = useTheme();
  return (
    <Box>
      <Typography variant="body2" color="text.secondary" data-testid="slo-history-summary">
        {shown.length === 0
          ? `No data in the last ${periods.length} ${unit}.`
          : summaryLine(shown, unit, minimumEvents)}
        {shown.length > 0 && firstWithData > 0 &&
          ` No data before ${periodName(shown[0], period, timeZone)}.`}
      </Typography>
      {shown.length > 0 && (
        <Box
          component="ul"
          aria-label={`Attainment per ${period}`}
          sx={{ display: 'flex', flexWrap: 'wrap', gap: 0.75, listStyle: 'none', p: 0, m: 0, mt: 1 }}
        >
          {shown.map(item => {
            const name = periodName(item, period, timeZone);
            const verdict = VERDICTS[item.verdict];
            const judged = item.verdict === 'met' || item.verdict === 'missed';
            const value = formatAttainment(item.sli, decimals);
            const soFar = item.inProgress ? ' (so far)' : '';
            const variant = item.inProgress ? 'outlined' : 'filled';
            const label = judged
              ? `${name}${soFar} ${verdict.mark} ${value}`
              : `${name}${soFar} · ${verdict.words}`;
            let detail = '';
            if (judged) {
              detail = `, ${value}`;
            } else if (item.verdict === 'low-traffic') {
              detail = `, ${formatCount(item.total)} events${belowMinimum(minimumEvents)}`;
            }
            return (
              <li key={item.start}>
                <Tooltip title={`${name}${soFar}: ${verdict.words}${detail}`} describeChild>
                  <Chip
                    size="small"
                    variant={variant}
                    data-testid="slo-history-period"
                    data-met={String(item.met)}
                    data-verdict={item.verdict}
                    label={label}
                    tabIndex={0}
                    sx={statusChipSx(theme, verdict.color, variant)}
                  />
                </Tooltip>
              </li>
            );
          })}
        </Box>
      )}
    </Box>
  );
}

import Box from '@mui/material/Box';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useTheme } from '@mui/material/styles';
import type { BurnRateAlertState } from '@slo-kit/plugin-slo-common';
import {
  formatBurnRate,
  formatDurationShort,
  formatObjective,
} from '../../format';
import { statusColors } from '../../status';
import { horizontalScrollSx, stickyFirstColumnSx } from '../../layout';

/** Props of {@link BurnRateAlerts}. */
export interface BurnRateAlertsProps {
  alerts: BurnRateAlertState[];
  /** The objective the alerts protect, to explain alerts that can never fire. */
  target: number;
}

type AlertRowState = 'firing' | 'quiet' | 'never' | 'no-data';

function rowState(alert: BurnRateAlertState): AlertRowState {
  if (!alert.canFire) {
    return 'never';
  }
  if (alert.firing) {
    return 'firing';
  }
  return alert.longBurnRate === null || alert.shortBurnRate === null ? 'no-data' : 'quiet';
}

const STATE_TEXT: Record<AlertRowState, string> = {
  firing: '● Firing',
  quiet: '○ Not firing',
  never: '⊘ Can never fire',
  'no-data': '○ No data',
};

/**
 * Multi-window burn-rate alerts: each rule's windows, burn rates, threshold and
 * state. Rules that can never fire at this objective stay visible, with why.
 */
export function BurnRateAlerts(props: BurnRateAlertsProps) {
  const { alerts, target } = props;
  const theme = useTheme();
  if (alerts.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary">
        No burn-rate alerts are defined for this SLO.
      </Typography>
    );
  }
  const never = alerts.filter(alert => !alert.canFire);
  return (
    <>
      {/* At 390 px the five columns scroll rather than wrap letter by letter ("P a g e"). */}
      <Box role="region" tabIndex={0} aria-label="Burn-rate alert windows, table" sx={horizontalScrollSx}>
        <Table
          size="small"
          aria-label="Burn-rate alert windows"
          sx={[{ minWidth: 520, '& th, & td': { whiteSpace: 'nowrap' } }, stickyFirstColumnSx]}
        >
          <TableHead>
            <TableRow>
              <TableCell>Alert</TableCell>
              <TableCell>Windows (long / short)</TableCell>
              <TableCell align="right">Burn rate (long / short)</TableCell>
              <TableCell align="right">Fires above</TableCell>
              <TableCell>State</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {alerts.map(alert => {
              const state = rowState(alert);
              const color =
                state === 'firing'
                  ? statusColors(theme, alert.severity === 'page' ? 'error' : 'warning').text
                  : theme.palette.text.secondary;
              return (
                <TableRow
                  key={`${alert.severity}-${alert.longWindowSeconds}`}
                  data-testid="slo-alert-window"
                  data-state={state}
                >
                  <TableCell>{alert.severity === 'page' ? 'Page' : 'Ticket'}</TableCell>
                  <TableCell>
                    {formatDurationShort(alert.longWindowSeconds)} /{' '}
                    {formatDurationShort(alert.shortWindowSeconds)}
                  </TableCell>
                  <TableCell align="right" sx={{ fontVariantNumeric: 'tabular-nums' }}>
                    {formatBurnRate(alert.longBurnRate)} / {formatBurnRate(alert.shortBurnRate)}
                  </TableCell>
                  <TableCell align="right">{formatBurnRate(alert.factor)}</TableCell>
                  <TableCell sx={{ color, fontWeight: state === 'firing' ? 600 : undefined }}>
                    {STATE_TEXT[state]}
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      </Box>
      {never.map(alert => (
        <Typography
          key={`never-${alert.longWindowSeconds}`}
          variant="caption"
          color="text.secondary"
          component="p"
          sx={{ mt: 0.5 }}
        >
          {`The ${formatBurnRate(alert.factor)} ${alert.severity} alert can never fire: at a ${formatObjective(target)} objective it needs an error rate of ${Math.round(
            alert.factor * (1 - target) * 100,
          )}%, above 100%. Raise the objective or rely on the slower alerts.`}
        </Typography>
      ))}
    </>
  );
}

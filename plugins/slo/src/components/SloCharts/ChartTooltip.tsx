import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { formatCount, formatDateTime } from '../../format';
import type { ChartDatum } from './chartData';

/** Props of {@link ChartTooltip}. */
export interface ChartTooltipProps {
  active?: boolean;
  datum?: ChartDatum;
  /** What the value is, e.g. "SLI". */
  label: string;
  /** The formatted value of the hovered point. */
  format: (datum: ChartDatum) => string;
  timeZone?: string;
}

/** Tooltip of the SLO charts: time with zone, value with unit, event counts. */
export function ChartTooltip(props: ChartTooltipProps) {
  const { active, datum, label, format, timeZone } = props;
  if (!active || !datum) {
    return null;
  }
  return (
    <Paper elevation={3} sx={{ px: 1.5, py: 1 }}>
      <Typography variant="caption" component="div" color="text.secondary">
        {formatDateTime(datum.t, timeZone)}
      </Typography>
      <Typography variant="body2" component="div">
        {label}: <strong>{format(datum)}</strong>
      </Typography>
      <Typography variant="caption" component="div" color="text.secondary">
        {datum.total > 0
          ? `${formatCount(datum.good)} good of ${formatCount(
              datum.total,
            )} events`
          : 'no events in this step'}
      </Typography>
    </Paper>
  );
}

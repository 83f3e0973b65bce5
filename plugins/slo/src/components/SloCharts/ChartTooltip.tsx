import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import {
  formatAttainment,
  formatCount,
  formatSpan,
  formatTimeOfDay,
} from '../../format';
import type { ChartDatum } from './chartData';

/** Props of {@link ChartTooltip}. */
export interface ChartTooltipProps {
  active?: boolean;
  datum?: ChartDatum;
  /** What the value is and the span it covers, e.g. "SLI over the 30d window". */
  label: string;
  /** The formatted value of the hovered point. */
  format: (datum: ChartDatum) => string;
  timeZone?: string;
}

/**
 * Tooltip of the SLO charts: the point's step with its zone, the value with
 * the span it covers (the SLO window ending at the point, or the step), and
 * the step's own events with their ratio, each under its own label.
 */
export function ChartTooltip(props: ChartTooltipProps) {
  const { active, datum, label, format, timeZone } = props;
  if (!active || !datum) {
    return null;
  }
  return (
    <Paper elevation={3} sx={{ px: 1.5, py: 1 }}>
      <Typography variant="caption" component="div" color="text.secondary">
        Step {formatSpan(datum.from, datum.t, timeZone)}
      </Typography>
      <Typography variant="body2" component="div">
        {label} to {formatTimeOfDay(datum.t, timeZone)}:{' '}
        <strong>{format(datum)}</strong>
      </Typography>
      <Typography variant="caption" component="div" color="text.secondary">
        {datum.total > 0
          ? `In this step: ${formatCount(datum.good)} good of ${formatCount(
              datum.total,
            )} events (${formatAttainment(datum.good / datum.total, 2)})`
          : 'In this step: no events'}
      </Typography>
    </Paper>
  );
}

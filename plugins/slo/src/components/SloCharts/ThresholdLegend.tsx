import Box from '@mui/material/Box';
import { useTheme, type Theme } from '@mui/material/styles';
import Typography from '@mui/material/Typography';
import { formatBurnRate } from '../../format';
import { statusColors } from '../../status';
import type { BurnThreshold } from './chartData';

/** The colour and dash of a burn-rate threshold line, the same on the chart and in its legend. */
export function thresholdStroke(theme: Theme, threshold: BurnThreshold) {
  return {
    stroke: statusColors(theme, threshold.severity === 'page' ? 'error' : 'warning').shape,
    strokeDasharray: threshold.canFire ? '6 4' : '2 6',
  };
}

/** What a threshold line means, in words. */
function thresholdLabel(threshold: BurnThreshold): string {
  return `${formatBurnRate(threshold.factor)} ${threshold.severity}${
    threshold.canFire ? '' : ' (can never fire)'
  }`;
}

/**
 * The thresholds as a text legend under the chart, each with a sample of its
 * line: labels drawn on the lines ran over each other (14.4× and 6×, 3× and
 * 1× sit close) and over the data.
 */
export function ThresholdLegend(props: { thresholds: readonly BurnThreshold[] }) {
  const theme = useTheme();
  return (
    <Box
      component="ul"
      aria-label="Alert thresholds"
      data-testid="slo-burn-thresholds"
      sx={{ display: 'flex', flexWrap: 'wrap', gap: 2, listStyle: 'none', p: 0, m: 0, mt: 0.5 }}
    >
      {props.thresholds.map(threshold => (
        <Box
          component="li"
          key={`${threshold.severity}-${threshold.factor}`}
          sx={{ display: 'flex', alignItems: 'center', gap: 0.75 }}
        >
          <svg width="24" height="8" aria-hidden="true" focusable="false">
            <line x1="0" y1="4" x2="24" y2="4" strokeWidth="2" {...thresholdStroke(theme, threshold)} />
          </svg>
          <Typography variant="caption" color="text.secondary">
            {thresholdLabel(threshold)}
          </Typography>
        </Box>
      ))}
    </Box>
  );
}

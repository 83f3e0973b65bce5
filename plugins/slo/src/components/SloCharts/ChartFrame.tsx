import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';

/** Props of {@link ChartFrame}. */
export interface ChartFrameProps {
  title: string;
  /** Accessible name and visible caption: what the chart shows, in numbers. */
  summary: string;
  /** Time zone note under the chart. */
  zoneNote: string;
  testId: string;
  children: ReactNode;
}

/**
 * A titled chart with `role="img"` and a summary as its accessible name; the
 * summary is also printed under the chart so keyboard users get the numbers.
 */
export function ChartFrame(props: ChartFrameProps) {
  const { title, summary, zoneNote, testId, children } = props;
  return (
    <Box component="figure" sx={{ m: 0 }} data-testid={testId}>
      <Typography variant="subtitle2" component="h4">
        {title}
      </Typography>
      <Box role="img" aria-label={summary} sx={{ width: '100%', height: 180 }}>
        {children}
      </Box>
      <Typography variant="caption" color="text.secondary" component="figcaption">
        {summary} {zoneNote}
      </Typography>
    </Box>
  );
}

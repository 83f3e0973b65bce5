import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import { useId } from 'react';

/** Props of {@link SloFigure}. */
export interface SloFigureProps {
  /** What the figure is: "Attainment", "Budget left". */
  label: string;
  /** The figure itself, formatted. */
  value: ReactNode;
  /** A line under the figure: target, state, explanation. */
  caption?: ReactNode;
  /** Extra content under the caption, e.g. a bar. */
  children?: ReactNode;
  /** Stable handle for end-to-end tests. */
  testId?: string;
  /** Colour of the value; only ever a status colour. */
  color?: string;
}

/**
 * One labelled figure of an SLO card. The label names the figure for screen
 * readers (`role="group"` with `aria-labelledby`).
 */
export function SloFigure(props: SloFigureProps) {
  const { label, value, caption, children, testId, color } = props;
  const labelId = useId();
  return (
    <Box role="group" aria-labelledby={labelId} data-testid={testId} sx={{ minWidth: 150 }}>
      <Typography id={labelId} variant="overline" color="text.secondary" component="div">
        {label}
      </Typography>
      <Typography
        variant="h5"
        component="div"
        data-testid={testId ? `${testId}-value` : undefined}
        sx={{ fontVariantNumeric: 'tabular-nums', color, lineHeight: 1.2 }}
      >
        {value}
      </Typography>
      {caption && (
        <Typography variant="caption" color="text.secondary" component="div">
          {caption}
        </Typography>
      )}
      {children}
    </Box>
  );
}

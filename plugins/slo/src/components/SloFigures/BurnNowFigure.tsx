import { useTheme } from '@mui/material/styles';
import type { SloEvaluation } from '@slo-kit/plugin-slo-common';
import { formatBurnRate, formatDurationShort } from '../../format';
import { currentBurnRate, firingSeverity } from '../../status';
import { SloFigure } from '../SloFigure';

/** Props of {@link BurnNowFigure}. */
export interface BurnNowFigureProps {
  evaluation?: SloEvaluation;
}

/**
 * The current burn rate (the fastest alert's long window, 1h for a 30-day
 * SLO) and whether an alert would fire: `14.9×` with `PAGE firing`.
 */
export function BurnNowFigure(props: BurnNowFigureProps) {
  const { evaluation } = props;
  const theme = useTheme();
  const { rate, windowSeconds } = currentBurnRate(evaluation);
  const severity = firingSeverity(evaluation);
  let caption = 'no alert firing';
  if (severity === 'page') {
    caption = 'PAGE alert firing';
  } else if (severity === 'ticket') {
    caption = 'TICKET alert firing';
  }
  const windowText = windowSeconds ? ` over ${formatDurationShort(windowSeconds)}` : '';
  return (
    <SloFigure
      label="Burn rate now"
      testId="slo-burn-rate"
      value={formatBurnRate(rate)}
      color={severity ? theme.palette[severity === 'page' ? 'error' : 'warning'].main : undefined}
      caption={`${caption}${rate === null ? '' : windowText}`}
    />
  );
}

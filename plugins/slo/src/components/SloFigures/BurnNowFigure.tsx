import { useTheme } from '@mui/material/styles';
import type { SloEvaluation } from '@slo-kit/plugin-slo-common';
import { formatBurnRate, formatDurationShort } from '../../format';
import { currentBurnRate, describeFiringAlerts, firingSeverity, statusColors } from '../../status';
import { SloFigure } from '../SloFigure';

/** Props of {@link BurnNowFigure}. */
export interface BurnNowFigureProps {
  /** An SLO's evaluation, or a weighted composite's: burn rates and alert states. */
  evaluation?: Pick<SloEvaluation, 'alerts' | 'burnRates'>;
}

/**
 * The current burn rate (the fastest alert's long window, 1h for a 30-day
 * SLO) and the alert windows that fire, by name: `14.9×` over 1h with
 * `page: 1h/5m at 14.9×`. A slow ticket names its own windows (`ticket:
 * 3d/6h at 1.2×`), never the 1h of the figure above it.
 */
export function BurnNowFigure(props: BurnNowFigureProps) {
  const { evaluation } = props;
  const theme = useTheme();
  const { rate, windowSeconds } = currentBurnRate(evaluation);
  const severity = firingSeverity(evaluation);
  const firing = describeFiringAlerts(evaluation?.alerts ?? []);
  const windowText =
    rate !== null && windowSeconds ? `over the last ${formatDurationShort(windowSeconds)}` : undefined;
  return (
    <SloFigure
      label="Burn rate now"
      testId="slo-burn-rate"
      value={formatBurnRate(rate)}
      color={severity ? statusColors(theme, severity === 'page' ? 'error' : 'warning').text : undefined}
      caption={
        <>
          {windowText}
          {windowText && <br />}
          <span data-testid="slo-firing-alerts">
            {firing.length > 0 ? `firing: ${firing.join(' · ')}` : 'no alert firing'}
          </span>
        </>
      }
    />
  );
}

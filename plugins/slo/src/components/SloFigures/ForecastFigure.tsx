import type { SloEvaluation } from '@slo-kit/plugin-slo-common';
import { formatDateTime, formatRelative } from '../../format';
import { SloFigure } from '../SloFigure';

/** Props of {@link ForecastFigure}. */
export interface ForecastFigureProps {
  evaluation?: SloEvaluation;
  /** Time zone for the exact time in the caption; the browser's by default. */
  timeZone?: string;
}

/**
 * When the error budget runs out at the current burn rate: "in 2 days".
 * Says so plainly when it is already spent or won't run out in this window.
 */
export function ForecastFigure(props: ForecastFigureProps) {
  const { evaluation, timeZone } = props;
  const label = 'Budget runs out';
  if (!evaluation || evaluation.errorBudget.remainingFraction === null) {
    return <SloFigure label={label} testId="slo-forecast" value="—" caption="no data" />;
  }
  if (evaluation.errorBudget.exhausted) {
    return (
      <SloFigure
        label={label}
        testId="slo-forecast"
        value="Exhausted"
        caption="the window's budget is spent"
      />
    );
  }
  const { exhaustedAtCurrentRate, exhaustedAtAverageRate } = evaluation.forecast;
  if (exhaustedAtCurrentRate === null) {
    return (
      <SloFigure
        label={label}
        testId="slo-forecast"
        value="Not this window"
        caption={
          exhaustedAtAverageRate === null
            ? 'at the current or average burn rate'
            : `at the current rate; ${formatRelative(exhaustedAtAverageRate, evaluation.at)} at the average rate`
        }
      />
    );
  }
  return (
    <SloFigure
      label={label}
      testId="slo-forecast"
      value={formatRelative(exhaustedAtCurrentRate, evaluation.at)}
      caption={`at the current burn rate (${formatDateTime(exhaustedAtCurrentRate, timeZone)})`}
    />
  );
}

import LinearProgress from '@mui/material/LinearProgress';
import type { SloEvaluation } from '@slo-kit/plugin-slo-common';
import { formatBudget, formatCount } from '../../format';
import { DATA_STATE_LABELS } from '../../status';
import { SloFigure } from '../SloFigure';

/** Props of {@link BudgetFigure}. */
export interface BudgetFigureProps {
  evaluation?: SloEvaluation;
}

/** Below this share of budget left the bar turns to the warning colour. */
const LOW_BUDGET = 0.25;

/**
 * Error budget remaining as a figure and a bar. A negative budget reads
 * `−30% (overspent)` with an empty bar in the error colour.
 */
export function BudgetFigure(props: BudgetFigureProps) {
  const { evaluation } = props;
  const remaining = evaluation?.errorBudget.remainingFraction ?? null;
  if (!evaluation || remaining === null) {
    return (
      <SloFigure
        label="Budget left"
        testId="slo-budget"
        value="—"
        caption={DATA_STATE_LABELS[evaluation?.dataState ?? 'no-data']}
      />
    );
  }
  const text = formatBudget(remaining);
  const { bad, allowedBad, wholeWindow } = evaluation.errorBudget;
  // A calendar window part-way through: the budget so far and the whole
  // period's budget (traffic extrapolated) differ; show both.
  const wholePeriodRemaining =
    evaluation.periodEnd !== undefined &&
    evaluation.periodEnd > evaluation.windowEnd &&
    wholeWindow?.remainingFraction !== null &&
    wholeWindow?.remainingFraction !== undefined
      ? wholeWindow.remainingFraction
      : undefined;
  let color: 'success' | 'warning' | 'error' = 'success';
  if (remaining < 0) {
    color = 'error';
  } else if (remaining < LOW_BUDGET) {
    color = 'warning';
  }
  return (
    <SloFigure
      label="Budget left"
      testId="slo-budget"
      value={text}
      caption={
        <>
          {`${formatCount(bad)} of ${formatCount(allowedBad)} allowed bad events spent`}
          {wholePeriodRemaining !== undefined && (
            <>
              <br />
              {`${formatBudget(wholePeriodRemaining)} of the whole period's budget left`}
            </>
          )}
        </>
      }
    >
      <LinearProgress
        variant="determinate"
        color={color}
        value={Math.max(0, Math.min(100, remaining * 100))}
        aria-label="Error budget remaining"
        aria-valuetext={text}
        sx={{ mt: 0.5, height: 8, borderRadius: 1 }}
      />
    </SloFigure>
  );
}

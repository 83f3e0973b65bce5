import LinearProgress from '@mui/material/LinearProgress';
import type { SloEvaluation } from '@slo-kit/plugin-slo-common';
import { formatBudget, formatCount, formatShare } from '../../format';
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
 *
 * The budget is one figure for every window: over the events so far, the
 * one that "Budget runs out" and the status follow. For a calendar window
 * part-way through, a second figure says how much of the whole period's
 * allowance (at the traffic seen so far) is spent, under its own label and
 * as "spent", so it never reads as a second "left".
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
  const wholePeriodSpent =
    evaluation.periodEnd !== undefined &&
    evaluation.periodEnd > evaluation.windowEnd &&
    wholeWindow?.consumedFraction !== null &&
    wholeWindow?.consumedFraction !== undefined
      ? wholeWindow.consumedFraction
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
          {wholePeriodSpent !== undefined && (
            <>
              <br />
              <span data-testid="slo-budget-whole-period">
                {`Whole period at this traffic: ${formatShare(wholePeriodSpent)} of its allowance spent`}
              </span>
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

import { screen } from '@testing-library/react';
import { atRiskSlo, healthySlo, makeEvaluation, NOW } from '../../testing';
import { renderSlo } from '../../__testUtils__/renderSlo';
import { BudgetFigure } from './BudgetFigure';
import { ForecastFigure } from './ForecastFigure';

describe('BudgetFigure', () => {
  it('keeps one budget for a calendar window, with the whole period’s allowance under its own label', () => {
    const evaluation = makeEvaluation({
      windowEnd: NOW,
      periodEnd: NOW + 10 * 86400,
      errorBudget: {
        allowedBad: 5_000,
        bad: 2_000,
        consumedFraction: 0.4,
        remainingFraction: 0.6,
        exhausted: false,
        wholeWindow: { allowedBad: 7_500, consumedFraction: 0.27, remainingFraction: 0.73 },
      },
    });
    renderSlo(<BudgetFigure evaluation={evaluation} />);
    expect(screen.getByTestId('slo-budget')).toHaveTextContent(
      '60%2,000 of 5,000 allowed bad events spentWhole period at this traffic: 27% of its allowance spent',
    );
  });

  it('keeps to one line for rolling windows', () => {
    renderSlo(<BudgetFigure evaluation={healthySlo.evaluations[0]} />);
    expect(screen.queryByTestId('slo-budget-whole-period')).not.toBeInTheDocument();
  });
});

describe('ForecastFigure', () => {
  it('says when the budget won’t run out this window, and at the average rate', () => {
    renderSlo(
      <ForecastFigure
        evaluation={{
          ...atRiskSlo.evaluations[0],
          forecast: { exhaustedAtCurrentRate: null, exhaustedAtAverageRate: NOW + 5 * 86400 },
        }}
      />,
    );
    expect(screen.getByTestId('slo-forecast')).toHaveTextContent(
      'Not this windowat the current rate; in 5 days at the average rate',
    );
  });

  it('says so when neither rate runs it out', () => {
    renderSlo(<ForecastFigure evaluation={healthySlo.evaluations[0]} />);
    expect(screen.getByTestId('slo-forecast')).toHaveTextContent(
      'Not this windowat the current or average burn rate',
    );
  });
});

import LinearProgress from '@mui/material/LinearProgress';
import { useTheme } from '@mui/material/styles';
import type { WeightedCompositeEvaluation } from '@slo-kit/plugin-slo-common';
import { formatAttainment, formatBudget, formatObjective, objectiveDecimals } from '../../format';
import { healthColor } from '../../status';
import { SloFigure } from '../SloFigure';
import { BurnNowFigure } from '../SloFigures';

/** Below this share of budget left the bar turns to the warning colour, as for plain SLOs. */
const LOW_BUDGET = 0.25;

/** Props of {@link WeightedFigures}. */
export interface WeightedFiguresProps {
  weighted: WeightedCompositeEvaluation;
  /** How many members have events in the window, of how many. */
  membersWithData: number;
  members: number;
}

/**
 * The figures of a `weighted` composite: its weighted attainment against the
 * objective, the budget left and the burn rate now, with the same test ids
 * and words as a plain SLO's. A weighted SLI counts no events, so the
 * captions say how many members it weighs instead.
 */
export function WeightedFigures(props: WeightedFiguresProps) {
  const { weighted, membersWithData, members } = props;
  const theme = useTheme();
  const { sli, objective, errorBudgetRemaining: remaining } = weighted;
  const meets = sli !== null && sli >= objective;
  let budgetColor: 'success' | 'warning' | 'error' = 'success';
  if (remaining !== null && remaining < 0) {
    budgetColor = 'error';
  } else if (remaining !== null && remaining < LOW_BUDGET) {
    budgetColor = 'warning';
  }
  return (
    <>
      <SloFigure
        label="Attainment"
        testId="slo-attainment"
        value={formatAttainment(sli, objectiveDecimals(objective))}
        color={sli === null || meets ? undefined : healthColor(theme, 'breaching')}
        caption={
          sli === null ? (
            'No data'
          ) : (
            <>
              {`${meets ? '▲ meets' : '▼ below'} ${formatObjective(objective)} target`}
              <br />
              {`weighted mean of ${membersWithData} of ${members} members’ SLIs`}
            </>
          )
        }
      />
      <SloFigure
        label="Budget left"
        testId="slo-budget"
        value={formatBudget(remaining)}
        caption={remaining === null ? 'No data' : '1 − (1 − SLI) / (1 − objective)'}
      >
        {remaining !== null && (
          <LinearProgress
            variant="determinate"
            color={budgetColor}
            value={Math.max(0, Math.min(100, remaining * 100))}
            aria-label="Error budget remaining"
            aria-valuetext={formatBudget(remaining)}
            sx={{ mt: 0.5, height: 8, borderRadius: 1 }}
          />
        )}
      </SloFigure>
      <BurnNowFigure evaluation={weighted} />
    </>
  );
}

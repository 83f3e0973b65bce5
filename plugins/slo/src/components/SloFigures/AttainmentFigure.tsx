import { useTheme } from '@mui/material/styles';
import type { SloEvaluation } from '@slo-kit/plugin-slo-common';
import {
  formatAttainment,
  formatCount,
  formatObjective,
  objectiveDecimals,
} from '../../format';
import { DATA_STATE_LABELS, healthColor } from '../../status';
import { SloFigure } from '../SloFigure';

/** Props of {@link AttainmentFigure}. */
export interface AttainmentFigureProps {
  evaluation?: SloEvaluation;
}

/**
 * Attainment over the window against the target: `99.87%` with
 * `▼ below 99.9% target`. Untrusted data says so next to the number.
 */
export function AttainmentFigure(props: AttainmentFigureProps) {
  const { evaluation } = props;
  const theme = useTheme();
  if (!evaluation || evaluation.sli === null) {
    return (
      <SloFigure
        label="Attainment"
        testId="slo-attainment"
        value="—"
        caption={DATA_STATE_LABELS[evaluation?.dataState ?? 'no-data']}
      />
    );
  }
  const target = evaluation.objective.target;
  const meets = evaluation.sli >= target;
  const state =
    evaluation.dataState === 'ok' ? '' : ` · ${DATA_STATE_LABELS[evaluation.dataState]}`;
  return (
    <SloFigure
      label="Attainment"
      testId="slo-attainment"
      value={formatAttainment(evaluation.sli, objectiveDecimals(target))}
      // Red only when below target: a paging SLO may still be above it.
      color={meets ? undefined : healthColor(theme, 'breaching')}
      caption={
        <>
          {`${meets ? '▲ meets' : '▼ below'} ${formatObjective(target)} target${state}`}
          <br />
          {`${formatCount(evaluation.good)} of ${formatCount(evaluation.total)} good`}
        </>
      }
    />
  );
}

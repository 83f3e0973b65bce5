import Box from '@mui/material/Box';
import Skeleton from '@mui/material/Skeleton';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import type { SloStatus, SloWindow } from '@slo-kit/plugin-slo-common';
import { useRef, useState } from 'react';
import { useNearViewport, useSloHistory } from '../../hooks';
import { primaryEvaluation, windowSeconds } from '../../status';
import { ErrorNotice } from '../ErrorNotice';
import { SloHistory } from '../SloHistory';

/** What the history needs of an SLO, plain or composite. */
export interface HistorySlo {
  entityRef: string;
  name: string;
  window: SloWindow;
  target: number;
  /** A composite SLO: its history comes from its members' pooled events. */
  composite?: boolean;
}

/** Props of {@link SloHistoryPanel}: a plain SLO's status, or any SLO with a history. */
export type SloHistoryPanelProps = { status: SloStatus } | { slo: HistorySlo };

function historySlo(status: SloStatus): HistorySlo {
  const { definition } = status;
  return {
    entityRef: definition.entityRef,
    name: definition.name,
    window: definition.window,
    target: primaryEvaluation(status)?.objective.target ?? definition.objectives[0]?.target ?? 0,
  };
}

/** Weeks for weekly and short windows, months otherwise. */
export function defaultHistoryPeriod(window: SloWindow): 'week' | 'month' {
  if (window.type === 'calendar') {
    return window.unit === 'week' ? 'week' : 'month';
  }
  return windowSeconds(window) <= 7 * 86400 ? 'week' : 'month';
}

/** An SLO's period history with a weeks/months switch; loads the history once it comes near the viewport. */
export function SloHistoryPanel(props: SloHistoryPanelProps) {
  const slo = 'slo' in props ? props.slo : historySlo(props.status);
  const { name, target, window } = slo;
  const panel = useRef<HTMLElement>(null);
  const near = useNearViewport(panel);
  const [period, setPeriod] = useState(() => defaultHistoryPeriod(window));
  const history = useSloHistory({
    entityRef: slo.entityRef,
    name,
    period,
    enabled: near,
    composite: slo.composite,
  });
  const zone = window.type === 'calendar' ? window.timeZone : 'UTC';

  let body;
  if (history.error) {
    body = (
      <ErrorNotice
        title={`Could not load the history of ${name}`}
        error={history.error}
        onRetry={history.retry}
      />
    );
  } else if (!history.value) {
    body = <Skeleton variant="rectangular" height={56} role="progressbar" aria-label="Loading history" />;
  } else {
    body = (
      <SloHistory
        periods={history.value.periods}
        period={history.value.period}
        target={target}
        timeZone={zone}
        minimumEvents={history.value.minimumEvents}
      />
    );
  }

  return (
    <Box ref={panel} component="section" aria-label={`History of ${name}`}>
      <Box sx={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', mb: 1 }}>
        <Typography variant="subtitle1" component="h3">
          History
        </Typography>
        <ToggleButtonGroup
          size="small"
          exclusive
          value={period}
          aria-label={`History period of ${name}`}
          onChange={(_event, value: 'week' | 'month' | null) => value && setPeriod(value)}
        >
          <ToggleButton value="week" sx={{ textTransform: 'none' }}>
            Weeks
          </ToggleButton>
          <ToggleButton value="month" sx={{ textTransform: 'none' }}>
            Months
          </ToggleButton>
        </ToggleButtonGroup>
      </Box>
      {body}
    </Box>
  );
}

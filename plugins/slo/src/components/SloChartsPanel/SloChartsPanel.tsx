import Box from '@mui/material/Box';
import Skeleton from '@mui/material/Skeleton';
import Typography from '@mui/material/Typography';
import type { BurnRateAlertState, SloCorrection, SloStatus, SloWindow } from '@slo-kit/plugin-slo-common';
import { useRef, useState } from 'react';
import {
  defaultTimeRange,
  useNearViewport,
  useSloSeries,
  type TimeRange,
} from '../../hooks';
import { primaryEvaluation } from '../../status';
import { ErrorNotice } from '../ErrorNotice';
import { SloCharts } from '../SloCharts';
import { TimeRangeSelector } from '../TimeRangeSelector';

/**
 * What the charts need of an SLO, plain or composite: where to read its
 * series, its window, target and alert windows.
 */
export interface ChartedSlo {
  entityRef: string;
  name: string;
  window: SloWindow;
  target: number;
  alerts: BurnRateAlertState[];
  /** A composite SLO: its series comes from its members' pooled events. */
  composite?: boolean;
  /** The SLO's corrections: the charts shade their ranges. */
  corrections?: SloCorrection[];
}

/** The charted figures of a plain SLO: its primary objective's. */
export function chartedSlo(status: SloStatus): ChartedSlo {
  const evaluation = primaryEvaluation(status);
  return {
    entityRef: status.definition.entityRef,
    name: status.definition.name,
    window: status.definition.window,
    target: evaluation?.objective.target ?? status.definition.objectives[0]?.target ?? 0,
    alerts: evaluation?.alerts ?? [],
    ...(status.definition.corrections ? { corrections: status.definition.corrections } : {}),
  };
}

/** Props of {@link SloChartsPanel}: a plain SLO's status, or any charted SLO. */
export type SloChartsPanelProps = ({ status: SloStatus } | { slo: ChartedSlo }) & {
  /** The backend's evaluation time, epoch seconds: the charts end there. */
  now: number;
  timeZone?: string;
};

/**
 * An SLO's charts with their time-range selector; loads the series for the
 * chosen range once the panel comes near the viewport, so a tab of many SLOs
 * fetches and draws only the charts the user can scroll to soon.
 */
export function SloChartsPanel(props: SloChartsPanelProps) {
  const { now, timeZone } = props;
  const slo = 'slo' in props ? props.slo : chartedSlo(props.status);
  const { name, target } = slo;
  const panel = useRef<HTMLElement>(null);
  const near = useNearViewport(panel);
  const [range, setRange] = useState<TimeRange>(() => defaultTimeRange(slo.window));
  const series = useSloSeries({
    entityRef: slo.entityRef,
    name,
    now,
    rangeSeconds: range.seconds,
    enabled: near,
    composite: slo.composite,
  });
  const hasData = series.value?.points.some(point => point.total > 0) ?? false;

  let body;
  if (series.error) {
    body = (
      <ErrorNotice
        title={`Could not load the series of ${name}`}
        error={series.error}
        onRetry={series.retry}
      />
    );
  } else if (!series.value) {
    body = <Skeleton variant="rectangular" height={400} role="progressbar" aria-label="Loading charts" />;
  } else if (!hasData) {
    body = (
      <Typography variant="body2" color="text.secondary" data-testid="slo-charts-empty">
        No events in the last {range.label}: nothing to chart.
      </Typography>
    );
  } else {
    body = (
      <SloCharts
        series={series.value}
        target={target}
        alerts={slo.alerts}
        rangeLabel={range.label}
        windowLabel={slo.window.label}
        timeZone={timeZone}
        corrections={slo.corrections}
      />
    );
  }

  return (
    <Box ref={panel} component="section" aria-label={`Charts of ${name}`}>
      <Box sx={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', mb: 1 }}>
        <Typography variant="subtitle1" component="h3">
          Over time
        </Typography>
        <TimeRangeSelector
          value={range.id}
          onChange={setRange}
          label={`Time range of the charts of ${name}`}
        />
      </Box>
      <Box aria-busy={series.loading} sx={{ opacity: series.loading && series.value ? 0.6 : 1 }}>
        {body}
      </Box>
    </Box>
  );
}

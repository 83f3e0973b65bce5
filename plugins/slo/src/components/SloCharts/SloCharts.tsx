import Box from '@mui/material/Box';
import Grid from '@mui/material/Grid';
import { useTheme, type Theme } from '@mui/material/styles';
import Typography from '@mui/material/Typography';
import type {
  BurnRateAlertState,
  SloSeriesResponse,
} from '@slo-kit/plugin-slo-common';
import { DateTime } from 'luxon';
import { useMemo, type ReactElement } from 'react';
import {
  Area,
  AreaChart,
  CartesianGrid,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import {
  formatAttainment,
  formatAxisTime,
  formatBudget,
  formatBurnRate,
  formatCount,
  formatObjective,
  formatSpan,
  objectiveDecimals,
  zoneName,
  zoneOptions,
} from '../../format';
import { statusColors } from '../../status';
import {
  budgetAxis,
  burnThresholds,
  sliAxis,
  summariseBudget,
  summariseBurn,
  summariseSli,
  timeTicks,
  toChartData,
  type BurnThreshold,
  type ChartDatum,
} from './chartData';
import { axisTick } from './AxisTick';
import { gridLinesAtTicks } from './gridLines';
import { ChartFrame, type ChartDataTable, type ChartSize } from './ChartFrame';
import { ChartTooltip } from './ChartTooltip';

/** Props of {@link SloCharts}. */
export interface SloChartsProps {
  series: SloSeriesResponse;
  /** The primary objective, a fraction. */
  target: number;
  /** The SLO's alert rules, for the burn-rate thresholds. */
  alerts: BurnRateAlertState[];
  /** "7 days": how the summaries name the range. */
  rangeLabel: string;
  /** The SLO window's label ("30d", "month"): SLI and budget points are over the window ending at them. */
  windowLabel?: string;
  /** IANA zone for axes and tooltips; the browser's by default. */
  timeZone?: string;
}

const HEIGHT = 180;
// Where layout gives no width (tests), a sensible size avoids a zero-size warning.
const FALLBACK_WIDTH = 480;
const MARGIN = { top: 8, right: 16, bottom: 0, left: 0 };
const Y_AXIS_WIDTH = 64;

/** The colour and dash of a burn-rate threshold line, the same on the chart and in its legend. */
function thresholdStroke(theme: Theme, threshold: BurnThreshold) {
  return {
    stroke: statusColors(theme, threshold.severity === 'page' ? 'error' : 'warning').shape,
    strokeDasharray: threshold.canFire ? '6 4' : '2 6',
  };
}

/** What a threshold line means, in words. */
function thresholdLabel(threshold: BurnThreshold): string {
  return `${formatBurnRate(threshold.factor)} ${threshold.severity}${
    threshold.canFire ? '' : ' (can never fire)'
  }`;
}

/**
 * The thresholds as a text legend under the chart, each with a sample of its
 * line: labels drawn on the lines ran over each other (14.4× and 6×, 3× and
 * 1× sit close) and over the data.
 */
function ThresholdLegend(props: { thresholds: readonly BurnThreshold[] }) {
  const theme = useTheme();
  return (
    <Box
      component="ul"
      aria-label="Alert thresholds"
      data-testid="slo-burn-thresholds"
      sx={{ display: 'flex', flexWrap: 'wrap', gap: 2, listStyle: 'none', p: 0, m: 0, mt: 0.5 }}
    >
      {props.thresholds.map(threshold => (
        <Box
          component="li"
          key={`${threshold.severity}-${threshold.factor}`}
          sx={{ display: 'flex', alignItems: 'center', gap: 0.75 }}
        >
          <svg width="24" height="8" aria-hidden="true" focusable="false">
            <line x1="0" y1="4" x2="24" y2="4" strokeWidth="2" {...thresholdStroke(theme, threshold)} />
          </svg>
          <Typography variant="caption" color="text.secondary">
            {thresholdLabel(threshold)}
          </Typography>
        </Box>
      ))}
    </Box>
  );
}

/** A chart's points as rows: the step, the value, and the step's own events. */
function pointsTable(
  data: readonly ChartDatum[],
  valueColumn: string,
  format: (datum: ChartDatum) => string,
  timeZone?: string,
): ChartDataTable {
  return {
    columns: ['Step', valueColumn, 'Good of total events in the step'],
    rows: data.map(datum => [
      formatSpan(datum.from, datum.t, timeZone),
      format(datum),
      datum.total > 0 ? `${formatCount(datum.good)} of ${formatCount(datum.total)}` : 'no events',
    ]),
  };
}

/**
 * An SLO's three charts: SLI against the objective, error budget burn-down,
 * and burn rate with the alert thresholds. Fed with the API's downsampled series.
 */
export function SloCharts(props: SloChartsProps) {
  const { series, target, alerts, rangeLabel, windowLabel, timeZone } = props;
  const windowName = windowLabel ? `the ${windowLabel} window` : 'the SLO window';
  const theme = useTheme();
  const data = useMemo(() => toChartData(series.points), [series.points]);
  const thresholds = useMemo(() => burnThresholds(alerts), [alerts]);
  const range = series.to - series.from;
  const zone = zoneName(
    DateTime.fromSeconds(series.to, zoneOptions(timeZone)),
  );
  const zoneNote = `Times in ${zone}.`;
  const decimals = objectiveDecimals(target);

  // The three charts share their time ticks: each label is formatted once.
  const formatTick = useMemo(() => {
    const labels = new Map<number, string>();
    return (t: number) => {
      let label = labels.get(t);
      if (label === undefined) {
        label = formatAxisTime(t, range, timeZone);
        labels.set(t, label);
      }
      return label;
    };
  }, [range, timeZone]);

  // As many time ticks as fit the plot's width (a label is at most about
  // 40 px wide at 11 px), so the axis never needs to measure and thin them.
  const xTicksFor = useMemo(() => {
    const byCount = new Map<number, number[]>();
    return (plotWidth: number) => {
      const count = Math.max(2, Math.min(8, Math.floor((plotWidth - Y_AXIS_WIDTH - MARGIN.right) / 56)));
      let ticks = byCount.get(count);
      if (ticks === undefined) {
        ticks = timeTicks(series.from, series.to, timeZone, count);
        byCount.set(count, ticks);
      }
      return ticks;
    };
  }, [series.from, series.to, timeZone]);
  const yAxisSli = useMemo(() => sliAxis(data, target * 100), [data, target]);
  const yAxisBudget = useMemo(() => budgetAxis(data), [data]);
  const formatSli = (datum: ChartDatum) =>
    formatAttainment(datum.sliPercent === null ? null : datum.sliPercent / 100, decimals);
  const formatBudgetLeft = (datum: ChartDatum) =>
    formatBudget(datum.budgetPercent === null ? null : datum.budgetPercent / 100);

  const tick = useMemo(
    () => axisTick({ fill: theme.palette.text.secondary, fontSize: 11 }),
    [theme.palette.text.secondary],
  );
  // What every value axis shares; ticks are never measured to thin them out.
  const yAxisStyle = {
    tick,
    stroke: theme.palette.divider,
    width: Y_AXIS_WIDTH,
    interval: 0,
  } as const;
  const frame = { zoneNote, height: HEIGHT, fallbackWidth: FALLBACK_WIDTH };
  /** A chart drawn at its frame's measured size, resized with it. */
  const plot = (size: ChartSize, chart: ReactElement) => (
    <ResponsiveContainer width="100%" height={HEIGHT} initialDimension={size}>
      {chart}
    </ResponsiveContainer>
  );

  const xAxis = (size: ChartSize) => (
    <XAxis
      dataKey="t"
      type="number"
      domain={[series.from, series.to]}
      ticks={xTicksFor(size.width)}
      tickFormatter={formatTick}
      tick={tick}
      stroke={theme.palette.divider}
      interval={0}
    />
  );
  const grid = (
    <CartesianGrid
      stroke={theme.palette.divider}
      strokeDasharray="3 3"
      verticalCoordinatesGenerator={({ xAxis: axis }) => gridLinesAtTicks(axis)}
      horizontalCoordinatesGenerator={({ yAxis: axis }) => gridLinesAtTicks(axis)}
    />
  );
  // Only once the user reaches for the chart (see ChartFrame): a tooltip per
  // chart on mount costs a layout read and a resize observer each.
  const tooltip = (
    engaged: boolean,
    label: string,
    format: (datum: ChartDatum) => string,
  ) =>
    engaged && (
      <Tooltip
        content={tooltipProps => (
          <ChartTooltip
            active={tooltipProps.active}
            datum={tooltipProps.payload?.[0]?.payload as ChartDatum | undefined}
            label={label}
            format={format}
            timeZone={timeZone}
          />
        )}
      />
    );

  return (
    <Grid container spacing={2}>
      <Grid item xs={12} lg={6}>
        <ChartFrame
          title="SLI over time"
          testId="slo-chart-sli"
          summary={summariseSli(data, target, rangeLabel, windowLabel)}
          dataTable={() => pointsTable(data, `SLI over ${windowName}`, formatSli, timeZone)}
          {...frame}
        >
          {(size, { engaged }) =>
            plot(
              size,
              <LineChart data={data} margin={MARGIN} accessibilityLayer={false}>
                {grid}
                {xAxis(size)}
                <YAxis
                  domain={[yAxisSli.min, 100]}
                  ticks={yAxisSli.ticks}
                  tickFormatter={(value: number) => `${value}%`}
                  {...yAxisStyle}
                  allowDataOverflow
                />
                {tooltip(engaged, `SLI over ${windowName}`, formatSli)}
                <ReferenceLine
                  y={target * 100}
                  stroke={theme.palette.text.secondary}
                  strokeDasharray="6 4"
                  label={{
                    value: `objective ${formatObjective(target)}`,
                    position: 'insideBottomRight',
                    fill: theme.palette.text.secondary,
                    fontSize: 11,
                  }}
                />
                <Line
                  type="monotone"
                  dataKey="sliPercent"
                  name="SLI"
                  stroke={theme.palette.primary.main}
                  strokeWidth={2}
                  dot={false}
                  isAnimationActive={false}
                />
              </LineChart>,
            )
          }
        </ChartFrame>
      </Grid>
      <Grid item xs={12} lg={6}>
        <ChartFrame
          title="Error budget remaining"
          testId="slo-chart-budget"
          summary={summariseBudget(data, rangeLabel, windowLabel)}
          dataTable={() => pointsTable(data, `Budget left over ${windowName}`, formatBudgetLeft, timeZone)}
          {...frame}
        >
          {(size, { engaged }) =>
            plot(
              size,
              <AreaChart data={data} margin={MARGIN} accessibilityLayer={false}>
                {grid}
                {xAxis(size)}
                <YAxis
                  tickFormatter={(value: number) => `${value}%`}
                  domain={[yAxisBudget.min, yAxisBudget.max]}
                  ticks={yAxisBudget.ticks}
                  {...yAxisStyle}
                />
                {tooltip(engaged, `Budget left over ${windowName}`, formatBudgetLeft)}
                <ReferenceLine
                  y={0}
                  stroke={statusColors(theme, 'error').shape}
                  strokeDasharray="6 4"
                  label={{
                    value: 'budget spent',
                    position: 'insideBottomLeft',
                    fill: theme.palette.text.secondary,
                    fontSize: 11,
                  }}
                />
                <Area
                  type="monotone"
                  dataKey="budgetPercent"
                  name="Budget left"
                  stroke={theme.palette.primary.main}
                  fill={theme.palette.primary.main}
                  fillOpacity={0.15}
                  isAnimationActive={false}
                />
              </AreaChart>,
            )
          }
        </ChartFrame>
      </Grid>
      <Grid item xs={12}>
        <ChartFrame
          title="Burn rate"
          testId="slo-chart-burn"
          summary={summariseBurn(
            data,
            thresholds,
            rangeLabel,
            series.stepSeconds,
          )}
          dataTable={() =>
            pointsTable(data, 'Burn rate over the step', datum => formatBurnRate(datum.burnRate), timeZone)
          }
          legend={<ThresholdLegend thresholds={thresholds} />}
          {...frame}
        >
          {(size, { engaged }) =>
            plot(
              size,
              <LineChart data={data} margin={MARGIN} accessibilityLayer={false}>
                {grid}
                {xAxis(size)}
                <YAxis
                  domain={[
                    0,
                    (max: number) =>
                      Math.ceil(
                        Math.max(max, thresholds[0]?.factor ?? 1) * 1.1,
                      ),
                  ]}
                  tickFormatter={(value: number) => `${value}×`}
                  {...yAxisStyle}
                />
                {tooltip(engaged, 'Burn rate over this step', datum =>
                  formatBurnRate(datum.burnRate),
                )}
                {thresholds.map(threshold => (
                  <ReferenceLine
                    key={`${threshold.severity}-${threshold.factor}`}
                    y={threshold.factor}
                    {...thresholdStroke(theme, threshold)}
                  />
                ))}
                <Line
                  type="stepAfter"
                  dataKey="burnRate"
                  name="Burn rate"
                  stroke={theme.palette.primary.main}
                  strokeWidth={2}
                  dot={false}
                  isAnimationActive={false}
                />
              </LineChart>,
            )
          }
        </ChartFrame>
      </Grid>
    </Grid>
  );
}

import { useTheme } from '@mui/material/styles';
import { formatAttainment, formatObjective, objectiveDecimals } from '../../format';

/** Props of {@link Sparkline}. */
export interface SparklineProps {
  /** SLI fractions, oldest first; null where there is no data. */
  values: ReadonlyArray<number | null>;
  /** The objective, drawn as a dashed line when inside the range. */
  target: number;
  width?: number;
  height?: number;
  /** What the line is about, for the accessible name. */
  label: string;
}

/**
 * A tiny SLI trend line. Plain SVG rather than a chart library: a scorecard
 * can show hundreds, and each must cost next to nothing.
 */
export function Sparkline(props: SparklineProps) {
  const { values, target, width = 96, height = 24, label } = props;
  const theme = useTheme();
  const known = values.filter((value): value is number => value !== null);
  if (known.length < 2) {
    return (
      <span aria-label={`${label}: not enough data for a trend`} role="img">
        —
      </span>
    );
  }
  const min = Math.min(...known, target);
  const max = Math.max(...known, target);
  const span = max - min || 1e-6;
  const x = (index: number) => (values.length === 1 ? 0 : (index / (values.length - 1)) * (width - 2) + 1);
  const y = (value: number) => height - 2 - ((value - min) / span) * (height - 4);
  // Gaps split the line into segments instead of bridging missing data.
  const segments: string[] = [];
  let current: string[] = [];
  values.forEach((value, index) => {
    if (value === null) {
      if (current.length > 0) {
        segments.push(current.join(' '));
      }
      current = [];
    } else {
      current.push(`${x(index).toFixed(1)},${y(value).toFixed(1)}`);
    }
  });
  if (current.length > 0) {
    segments.push(current.join(' '));
  }
  const decimals = objectiveDecimals(target);
  const first = known[0];
  const last = known[known.length - 1];
  const below = known.filter(value => value < target).length;
  const summary = `${label}: from ${formatAttainment(first, decimals)} to ${formatAttainment(
    last,
    decimals,
  )}, below the ${formatObjective(target)} objective in ${below} of ${known.length} points`;
  return (
    <svg
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={summary}
      data-testid="slo-sparkline"
    >
      <title>{summary}</title>
      <line
        x1={0}
        x2={width}
        y1={y(target)}
        y2={y(target)}
        stroke={theme.palette.text.disabled}
        strokeDasharray="3 3"
        strokeWidth={1}
      />
      {segments.map(points => (
        <polyline
          key={points}
          points={points}
          fill="none"
          stroke={theme.palette.text.primary}
          strokeWidth={1.5}
          strokeLinejoin="round"
        />
      ))}
    </svg>
  );
}

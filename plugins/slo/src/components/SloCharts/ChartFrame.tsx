import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { useLayoutEffect, useRef, useState, type ReactNode } from 'react';

/** The plot's size in pixels. */
export interface ChartSize {
  width: number;
  height: number;
}

/** What the chart may draw besides its data. */
export interface ChartExtras {
  /**
   * The pointer has entered the plot or focus has moved into it at least
   * once: from then on the chart has its tooltip.
   */
  engaged: boolean;
}

/** Props of {@link ChartFrame}. */
export interface ChartFrameProps {
  title: string;
  /** Accessible name and visible caption: what the chart shows, in numbers. */
  summary: string;
  /** Time zone note under the chart. */
  zoneNote: string;
  testId: string;
  /** Plot height in pixels. */
  height: number;
  /** Where layout gives no width (jsdom, a hidden tab), the chart is drawn this wide until it is resized. */
  fallbackWidth: number;
  /** The chart, drawn at the plot's measured size. */
  children: (size: ChartSize, extras: ChartExtras) => ReactNode;
}

/**
 * A titled chart with `role="img"` and a summary as its accessible name; the
 * summary is also printed under the chart so keyboard users get the numbers.
 *
 * The plot box is measured before the chart is drawn (in a layout effect, so
 * before paint): a responsive chart started at a guessed size draws itself
 * twice, once at the guess and again when its resize observer reports the
 * real width.
 *
 * The chart learns when the user first reaches for it (pointer or focus), so
 * it can leave its tooltip out until then: a recharts tooltip measures itself
 * and watches its size when it mounts, for every chart on the page, though
 * most charts are never hovered.
 */
export function ChartFrame(props: ChartFrameProps) {
  const { title, summary, zoneNote, testId, height, fallbackWidth, children } =
    props;
  const plot = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState<ChartSize>();
  const [engaged, setEngaged] = useState(false);
  const engage = engaged ? undefined : () => setEngaged(true);
  useLayoutEffect(() => {
    const width = Math.round(plot.current?.getBoundingClientRect().width ?? 0);
    setSize({ width: width > 0 ? width : fallbackWidth, height });
  }, [fallbackWidth, height]);
  return (
    <Box component="figure" sx={{ m: 0 }} data-testid={testId}>
      <Typography variant="subtitle2" component="h4">
        {title}
      </Typography>
      <Box
        ref={plot}
        role="img"
        aria-label={summary}
        sx={{ width: '100%', height }}
        onPointerEnter={engage}
        onFocus={engage}
      >
        {size && children(size, { engaged })}
      </Box>
      <Typography
        variant="caption"
        color="text.secondary"
        component="figcaption"
      >
        {summary} {zoneNote}
      </Typography>
    </Box>
  );
}

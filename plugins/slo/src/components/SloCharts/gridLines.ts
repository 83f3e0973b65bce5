import type { ComponentProps } from 'react';
import type { CartesianGrid } from 'recharts';

type CoordinatesGenerator = NonNullable<
  ComponentProps<typeof CartesianGrid>['verticalCoordinatesGenerator']
>;
/** The axis recharts hands a grid's coordinates generator. */
export type GridAxis = Parameters<CoordinatesGenerator>[0]['xAxis'];

/**
 * Grid lines at an axis' ticks, placed by its scale: pass as the grid's
 * `verticalCoordinatesGenerator` / `horizontalCoordinatesGenerator`.
 * Recharts' own generators thin the ticks by measuring every label in a
 * hidden DOM node (each forcing a layout of the page; 24 per chart for a
 * day of hourly points, hundreds for a 90-day series) although our axes
 * already give the ticks they show (docs/performance.md, felt speed).
 */
export function gridLinesAtTicks(axis: GridAxis): number[] {
  const scale = axis?.scale;
  const ticks = axis?.ticks ?? axis?.niceTicks;
  if (!scale || !ticks) {
    return [];
  }
  const points: number[] = [];
  for (const tick of ticks) {
    const at = scale.map(tick);
    if (typeof at === 'number' && Number.isFinite(at)) {
      points.push(at);
    }
  }
  return points;
}

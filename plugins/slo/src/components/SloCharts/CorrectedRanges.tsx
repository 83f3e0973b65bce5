import type { Theme } from '@mui/material/styles';
import Typography from '@mui/material/Typography';
import {
  mergedOccurrences,
  type CorrectionOccurrence,
  type SloCorrection,
} from '@slo-kit/plugin-slo-common';
import { useMemo, type ReactElement } from 'react';
import { ReferenceArea } from 'recharts';
import { formatSpan } from '../../format';

/**
 * The ranges of an SLO's corrections inside the charted span `[from, to)`,
 * merged where they overlap, and the shaded areas that mark them on a chart.
 */
export function useCorrectedRanges(
  corrections: readonly SloCorrection[] | undefined,
  span: { from: number; to: number },
  theme: Theme,
): { ranges: CorrectionOccurrence[]; areas: ReactElement[] } {
  const { from, to } = span;
  return useMemo(() => {
    const ranges = mergedOccurrences(corrections ?? [], { from, to });
    const areas = ranges.map(range => (
      <ReferenceArea
        key={range.start}
        x1={Math.max(range.start, from)}
        x2={Math.min(range.end, to)}
        fill={theme.palette.text.secondary}
        fillOpacity={0.15}
        stroke="none"
        ifOverflow="hidden"
      />
    ));
    return { ranges, areas };
  }, [corrections, from, to, theme]);
}

/** Says in words what the shading marks: colour is never the only cue. */
export function CorrectedRangesNote(props: { ranges: CorrectionOccurrence[]; timeZone?: string }) {
  const { ranges, timeZone } = props;
  if (ranges.length === 0) return null;
  return (
    <Typography variant="body2" color="text.secondary" data-testid="slo-charts-corrections">
      {`Shaded: ${ranges.length} ${ranges.length === 1 ? 'range' : 'ranges'} excluded by corrections (${ranges
        .map(range => formatSpan(range.start, range.end, timeZone))
        .join('; ')}); their events count in no figure (see Corrections).`}
    </Typography>
  );
}

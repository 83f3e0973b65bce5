import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Typography from '@mui/material/Typography';
import type { CorrectionCategory, SloCorrectionListing } from '@slo-kit/plugin-slo-common';
import { formatDurationShort, formatSpan } from '../../format';

/** How the page names each category. */
export const CORRECTION_CATEGORY_LABELS: Record<CorrectionCategory, string> = {
  'planned-maintenance': 'Planned maintenance',
  'bad-data': 'Bad data',
  'outside-our-control': 'Outside our control',
};

/** Occurrences listed one by one before the rest are counted. */
const LISTED = 3;

/** Props of {@link SloCorrections}. */
export interface SloCorrectionsProps {
  /** The SLO's name, for the section's accessible name. */
  name: string;
  corrections: SloCorrectionListing[];
  /** The SLO window's label ("30d"): occurrences are those in that window. */
  windowLabel: string;
  timeZone?: string;
}

/**
 * An SLO's corrections: what each excludes and why, in words (the category
 * is a text chip, never a colour alone), the occurrences in the SLO's window
 * and the next one ahead.
 */
export function SloCorrections(props: SloCorrectionsProps) {
  const { name, corrections, windowLabel, timeZone } = props;
  if (corrections.length === 0) return null;
  return (
    <Box component="section" aria-label={`Corrections of ${name}`} data-testid="slo-corrections" sx={{ mt: 2 }}>
      <Typography variant="subtitle1" component="h3" sx={{ mb: 0.5 }}>
        Corrections
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        Excluded from every figure of this SLO: their events count neither as good nor as bad.
      </Typography>
      <Box component="ul" sx={{ pl: 2, m: 0 }}>
        {corrections.map(correction => {
          const shown = correction.occurrences.slice(-LISTED);
          const more = correction.occurrences.length - shown.length;
          return (
            <Typography component="li" variant="body2" key={correction.name} sx={{ mb: 1 }} data-correction={correction.name}>
              <Chip size="small" variant="outlined" label={CORRECTION_CATEGORY_LABELS[correction.category]} sx={{ mr: 1 }} />{' '}
              <strong>{correction.name}</strong>: {correction.reason.replace(/\.?$/, '.')}{' '}
              <br />
              {correction.recurrence
                ? `Repeats (${correction.recurrence}, ${correction.timeZone}), ${formatDurationShort(correction.durationSeconds)} each.`
                : `Once, ${formatDurationShort(correction.durationSeconds)}.`}{' '}
              {correction.occurrences.length === 0
                ? `None in the ${windowLabel} window.`
                : `In the ${windowLabel} window: ${shown
                    .map(o => formatSpan(o.start, o.end, timeZone))
                    .join('; ')}${more > 0 ? ` and ${more} earlier` : ''}.`}
              {correction.next && ` Next: ${formatSpan(correction.next.start, correction.next.end, timeZone)}.`}
            </Typography>
          );
        })}
      </Box>
    </Box>
  );
}

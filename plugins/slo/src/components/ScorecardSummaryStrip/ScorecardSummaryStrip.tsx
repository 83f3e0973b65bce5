import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Typography from '@mui/material/Typography';
import { useTheme } from '@mui/material/styles';
import type { ScorecardFigures } from '@slo-kit/plugin-slo-common';
import { Fragment, type ReactNode } from 'react';
import { formatShare, formatPoints } from '../../format';
import { statusColors } from '../../status';

/** Props of {@link ScorecardSummaryStrip}. */
export interface ScorecardSummaryStripProps {
  /** "Organisation" or the group's title. */
  scope: string;
  /** The backend's figures for the scope, shown as they are. */
  figures: ScorecardFigures;
  /** The worst team or SLO, already phrased. */
  worst?: ReactNode;
  demo: boolean;
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/**
 * One line with a scope's reliability: services, SLOs, share meeting (of the
 * SLOs with a known status), unknown ones, paging, the trend over the SLOs
 * known in both periods, and the worst team or SLO.
 */
export function ScorecardSummaryStrip(props: ScorecardSummaryStripProps) {
  const { scope, figures, worst, demo } = props;
  const { services, slos, meeting, unknown, meetingShare, paging, trend } = figures;
  const theme = useTheme();
  const items: Array<{ key: string; node: ReactNode }> = [
    { key: 'services', node: plural(services, 'service') },
    { key: 'slos', node: plural(slos, 'SLO') },
    {
      key: 'meeting',
      node:
        meetingShare === null
          ? 'no SLO with a known status'
          : `${formatShare(meetingShare)} meeting (${meeting} of ${slos - unknown} known)`,
    },
  ];
  if (unknown > 0) {
    items.push({ key: 'unknown', node: `${unknown} unknown (no data or too little traffic)` });
  }
  items.push({
    key: 'paging',
    node: (
      <Box component="span" sx={paging > 0 ? { color: statusColors(theme, 'error').text, fontWeight: 600 } : undefined}>
        {`${paging} paging now`}
      </Box>
    ),
  });
  if (trend.points !== null) {
    items.push({
      key: 'trend',
      node: `${formatPoints(trend.points, 1)} vs last period (${plural(trend.compared, 'SLO')} known in both)`,
    });
  }
  if (figures.withoutSlos && figures.withoutSlos.services > 0) {
    const { services: without, withSuggestion } = figures.withoutSlos;
    items.push({
      key: 'without-slos',
      node: `${plural(without, 'service')} without SLOs, ${withSuggestion} with a ready suggestion`,
    });
  }
  if (worst) {
    items.push({ key: 'worst', node: worst });
  }
  return (
    <Box
      role="status"
      aria-label={`${scope} summary`}
      data-testid="scorecard-summary"
      sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap', mb: 2 }}
    >
      <Typography variant="body1" component="p" sx={{ m: 0 }}>
        <strong>{scope}:</strong>{' '}
        {items.map((item, index) => (
          <Fragment key={item.key}>
            {index > 0 && ' · '}
            <span data-testid={`scorecard-summary-${item.key}`}>{item.node}</span>
          </Fragment>
        ))}
      </Typography>
      {demo && <Chip size="small" variant="outlined" label="Includes demo data" />}
    </Box>
  );
}

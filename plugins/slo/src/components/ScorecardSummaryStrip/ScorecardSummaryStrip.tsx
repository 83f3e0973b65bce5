import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Typography from '@mui/material/Typography';
import { useTheme } from '@mui/material/styles';
import { Fragment, type ReactNode } from 'react';
import { formatShare, formatPoints } from '../../format';

/** Props of {@link ScorecardSummaryStrip}. */
export interface ScorecardSummaryStripProps {
  /** "Organisation" or the group's title. */
  scope: string;
  services: number;
  slos: number;
  /** Share of SLOs meeting their objective, 0..1; null without SLOs. */
  meetingShare: number | null;
  paging: number;
  /** Change in points of the share meeting since the previous period. */
  trendPoints: number | null;
  /** The worst team or SLO, already phrased. */
  worst?: ReactNode;
  demo: boolean;
}

/** One line with a scope's reliability: services, SLOs, share meeting, paging, trend, worst. */
export function ScorecardSummaryStrip(props: ScorecardSummaryStripProps) {
  const { scope, services, slos, meetingShare, paging, trendPoints, worst, demo } = props;
  const theme = useTheme();
  const items: Array<{ key: string; node: ReactNode }> = [
    { key: 'services', node: `${services} service${services === 1 ? '' : 's'}` },
    { key: 'slos', node: `${slos} SLO${slos === 1 ? '' : 's'}` },
    {
      key: 'meeting',
      node: meetingShare === null ? 'no SLOs to measure' : `${formatShare(meetingShare)} meeting`,
    },
    {
      key: 'paging',
      node: (
        <Box component="span" sx={paging > 0 ? { color: theme.palette.error.main, fontWeight: 600 } : undefined}>
          {`${paging} paging now`}
        </Box>
      ),
    },
  ];
  if (trendPoints !== null) {
    items.push({ key: 'trend', node: `${formatPoints(trendPoints)} vs last period` });
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

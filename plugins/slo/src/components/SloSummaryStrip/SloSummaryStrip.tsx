import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Typography from '@mui/material/Typography';
import { useTheme } from '@mui/material/styles';
import { Fragment, type ReactNode } from 'react';
import { formatRelative } from '../../format';
import type { EntitySloSummary } from '../../status';

/** Props of {@link SloSummaryStrip}. */
export interface SloSummaryStripProps {
  summary: EntitySloSummary;
  /** The backend's evaluation time, epoch seconds. */
  now: number;
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/**
 * One line that answers "are we OK?": how many SLOs, how many meet their
 * objective, which burn fast enough to page, how fresh the data is.
 */
export function SloSummaryStrip(props: SloSummaryStripProps) {
  const { summary, now } = props;
  const theme = useTheme();
  const items: Array<{ key: string; node: ReactNode }> = [
    { key: 'total', node: <strong>{plural(summary.total, 'SLO')}</strong> },
    { key: 'meeting', node: `${summary.meeting} meeting` },
  ];
  if (summary.breaching > 0) {
    items.push({
      key: 'breaching',
      node: <Box component="span" sx={{ color: theme.palette.error.main }}>{`${summary.breaching} breaching`}</Box>,
    });
  }
  if (summary.atRisk > 0) {
    items.push({
      key: 'at-risk',
      node: <Box component="span" sx={{ color: theme.palette.warning.main }}>{`${summary.atRisk} at risk`}</Box>,
    });
  }
  if (summary.unknown > 0) {
    items.push({ key: 'unknown', node: `${summary.unknown} unknown` });
  }
  if (summary.paging > 0) {
    items.push({
      key: 'paging',
      node: (
        <Box component="span" sx={{ color: theme.palette.error.main, fontWeight: 600 }}>
          {`${summary.paging} burning fast (page)`}
        </Box>
      ),
    });
  }
  if (summary.ticketing > 0) {
    items.push({ key: 'ticketing', node: `${summary.ticketing} burning slowly (ticket)` });
  }
  if (summary.oldestCollectionAt !== undefined) {
    items.push({
      key: 'fresh',
      node: `data collected ${formatRelative(summary.oldestCollectionAt, now)}`,
    });
  }
  if (summary.neverCollected > 0) {
    items.push({ key: 'never', node: `${summary.neverCollected} never collected` });
  }
  if (summary.problems > 0) {
    items.push({
      key: 'problems',
      node: (
        <Box component="span" sx={{ color: theme.palette.warning.main }}>
          {plural(summary.problems, 'definition problem')}
        </Box>
      ),
    });
  }

  return (
    <Box
      role="status"
      aria-label="SLO summary"
      data-testid="slo-summary"
      sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap', mb: 2 }}
    >
      <Typography variant="body1" component="p" sx={{ m: 0 }}>
        {items.map((item, index) => (
          <Fragment key={item.key}>
            {index > 0 && ' · '}
            <span data-testid={`slo-summary-${item.key}`}>{item.node}</span>
          </Fragment>
        ))}
      </Typography>
      {summary.demo && (
        <Chip
          size="small"
          variant="outlined"
          label="Demo data"
          data-testid="slo-summary-demo"
          title="Some figures come from the synthetic demo source"
        />
      )}
    </Box>
  );
}

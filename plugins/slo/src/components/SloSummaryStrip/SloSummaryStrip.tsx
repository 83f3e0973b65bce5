import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Typography from '@mui/material/Typography';
import { useTheme } from '@mui/material/styles';
import { Fragment, type ReactNode } from 'react';
import { formatRelative } from '../../format';
import { healthColor, statusColors, type EntitySloSummary } from '../../status';

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
 * One line that answers "are we OK?": how many SLOs, and each under the
 * word its status chip shows (`3 meeting (1 at risk) · 1 paging · 1
 * breaching · 1 unknown`), then how fresh the data is. A paging SLO is never
 * counted as meeting.
 */
export function SloSummaryStrip(props: SloSummaryStripProps) {
  const { summary, now } = props;
  const theme = useTheme();
  const items: Array<{ key: string; node: ReactNode }> = [
    { key: 'total', node: <strong>{plural(summary.total, 'SLO')}</strong> },
    {
      key: 'meeting',
      node: `${summary.meeting} meeting${summary.atRisk > 0 ? ` (${summary.atRisk} at risk)` : ''}`,
    },
  ];
  if (summary.paging > 0) {
    items.push({
      key: 'paging',
      node: (
        <Box component="span" sx={{ color: healthColor(theme, 'paging'), fontWeight: 600 }}>
          {`${summary.paging} paging`}
        </Box>
      ),
    });
  }
  if (summary.breaching > 0) {
    items.push({
      key: 'breaching',
      node: <Box component="span" sx={{ color: healthColor(theme, 'breaching') }}>{`${summary.breaching} breaching`}</Box>,
    });
  }
  if (summary.unknown > 0) {
    items.push({ key: 'unknown', node: `${summary.unknown} unknown` });
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
        <Box component="span" sx={{ color: statusColors(theme, 'warning').text }}>
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

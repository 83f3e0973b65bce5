import Box from '@mui/material/Box';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { ReviewPeriodUnit, ReviewSlo } from '@slo-kit/plugin-slo-common';
import { useMemo, useState } from 'react';
import { stickyFirstColumnSx, TableScrollRegion } from '../../layout';
import { sloKind } from '../../status';
import { rankingCsv, rankSlos, type RankingSort } from '../../review/reviewTables';
import { SortableHeader } from '../SortableHeader';
import { CsvButton } from './CsvButton';
import { figuresTableSx } from './reviewTableSx';
import { formatHours, formatSpent, PERIOD_WORDS } from './reviewWords';

/** Rows shown; the CSV has them all. */
const SHOWN = 20;

/**
 * The most-missed SLOs: most periods missed first, and one click on a
 * column header away from the worst overspend or the most paging hours.
 */
export function ReviewRanking(props: {
  slos: readonly ReviewSlo[];
  period: ReviewPeriodUnit;
  csvFilename: string;
}) {
  const [sort, setSort] = useState<RankingSort>('missed');
  const ranked = useMemo(() => rankSlos(props.slos, sort), [props.slos, sort]);
  const title = 'Most-missed SLOs';
  // Always worst first: a click on another column re-ranks by it.
  const header = (key: RankingSort, label: string) => (
    <SortableHeader
      label={label}
      sortKey={key}
      activeKey={sort}
      dir="desc"
      onSort={setSort}
      testIdPrefix="ranking-sort-"
    />
  );
  return (
    <>
      <Box
        sx={{
          display: 'flex',
          alignItems: 'center',
          justifyContent: 'space-between',
          gap: 2,
          flexWrap: 'wrap',
        }}
      >
        <Typography id="review-ranking" variant="h6" component="h2">
          {title}
        </Typography>
        <CsvButton
          label="Ranking CSV"
          testId="review-ranking-csv"
          filename={props.csvFilename}
          text={() => rankingCsv(ranked)}
        />
      </Box>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        Worst first by the column with the arrow; the other figures break
        ties. {ranked.length > SHOWN ? `The first ${SHOWN} of ${ranked.length}; the CSV has all.` : ''}
      </Typography>
      <TableScrollRegion title={title}>
        <Table
          size="small"
          aria-labelledby="review-ranking"
          data-testid="review-ranking"
          sx={[figuresTableSx, stickyFirstColumnSx]}
        >
          <TableHead>
            <TableRow>
              <TableCell>SLO</TableCell>
              {header('missed', `${PERIOD_WORDS[props.period]} missed`)}
              {header('overspend', 'Worst overspend')}
              {header('paging', 'Paging')}
              <TableCell>Episodes</TableCell>
              <TableCell>Owner</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {ranked.slice(0, SHOWN).map(slo => (
              <TableRow
                key={`${slo.entityRef}/${slo.name}`}
                data-testid="review-ranking-row"
              >
                <TableCell component="th" scope="row">
                  {slo.entityTitle} / {slo.name}
                  {slo.composite && ` (${sloKind(slo.composite)})`}
                </TableCell>
                <TableCell>
                  {slo.missedPeriods} of {slo.judgedPeriods}
                </TableCell>
                <TableCell>
                  {formatSpent(slo.worstBudgetSpent?.value)}
                  {slo.worstBudgetSpent ? ` (${slo.worstBudgetSpent.label})` : ''}
                </TableCell>
                <TableCell>{formatHours(slo.pagingHours)}</TableCell>
                <TableCell>{slo.episodes}</TableCell>
                <TableCell>
                  {slo.ownerRefs
                    .map(o => o.replace(/^group:default\//, ''))
                    .join(', ')}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableScrollRegion>
    </>
  );
}

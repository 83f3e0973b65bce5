import Box from '@mui/material/Box';
import Link from '@mui/material/Link';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TablePagination from '@mui/material/TablePagination';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useTheme } from '@mui/material/styles';
import { RouterLink } from '@backstage/frontend-plugin-api';
import type { ScorecardSlo } from '@slo-kit/plugin-slo-common';
import {
  formatAttainment,
  formatBudget,
  formatObjective,
  formatPoints,
  objectiveDecimals,
} from '../../format';
import { useProgressiveCount } from '../../hooks';
import type { SloSortKey } from '../../scorecard';
import { DATA_STATE_LABELS, statusColors } from '../../status';
import { SloHealthChip } from '../SloHealthChip';
import { SortableHeader } from '../SortableHeader';
import { Sparkline } from '../Sparkline';
import { stickyFirstColumnSx } from '../../layout';

/** Figures line up. */
const NUMBER_CELL = { fontVariantNumeric: 'tabular-nums' } as const;

/** Rows per page of the SLO table. */
export const SLO_ROWS_PER_PAGE = 50;

/** `−30%` over `overspent`: the number stays whole in a narrow column. */
function BudgetText(props: { remaining: number | null }) {
  const [figure, note] = formatBudget(props.remaining).split(' (');
  return (
    <>
      {figure}
      {note && (
        <Typography variant="caption" component="div" sx={{ color: theme => statusColors(theme, 'error').text }}>
          {note.replace(/\)$/, '')}
        </Typography>
      )}
    </>
  );
}

/** Alerts firing and demo data, as words under the status chip. */
function StatusNotes(props: { row: ScorecardSlo }) {
  const { row } = props;
  const theme = useTheme();
  const notes: Array<{ text: string; color?: string }> = [];
  if (row.paging) {
    notes.push({ text: 'paging', color: statusColors(theme, 'error').text });
  } else if (row.ticketing) {
    notes.push({ text: 'ticket', color: statusColors(theme, 'warning').text });
  }
  if (row.demo) {
    notes.push({ text: 'demo data' });
  }
  if (notes.length === 0) {
    return null;
  }
  return (
    <Typography variant="caption" color="text.secondary" component="div">
      {notes.map((note, index) => (
        <Box component="span" key={note.text} sx={{ color: note.color, fontWeight: note.color ? 600 : undefined }}>
          {index > 0 && ' · '}
          {note.text}
        </Box>
      ))}
    </Typography>
  );
}

/**
 * The previous period: its attainment when it has a verdict, with the change
 * the API computed; "too little traffic" or "no data" when it has none.
 */
function PreviousPeriod(props: { row: ScorecardSlo; decimals: number }) {
  const { row, decimals } = props;
  if (row.previousPeriodVerdict === 'low-traffic' || row.previousPeriodVerdict === 'no-data') {
    return (
      <Typography variant="body2" color="text.secondary" component="span">
        {row.previousPeriodVerdict === 'low-traffic' ? 'too little traffic' : 'no data'}
      </Typography>
    );
  }
  return (
    <>
      {formatAttainment(row.previousPeriodSli, decimals)}
      {row.changePoints !== null && (
        <Typography variant="caption" color="text.secondary" component="div">
          {formatPoints(row.changePoints, decimals)}
        </Typography>
      )}
    </>
  );
}

/** Props of {@link ScorecardSloTable}. */
export interface ScorecardSloTableProps {
  /** Rows already filtered and sorted. */
  rows: ScorecardSlo[];
  page: number;
  onPage: (page: number) => void;
  sort?: string;
  dir: 'asc' | 'desc';
  onSort: (key: SloSortKey) => void;
  /** Link to a service's SLO tab, when the app has entity pages. */
  sloLink: (entityRef: string) => string | undefined;
}

/**
 * Services × SLOs: status, attainment with a sparkline, budget, alerts and
 * the change since the previous period. Sortable and paged.
 */
export function ScorecardSloTable(props: ScorecardSloTableProps) {
  const { rows, page, onPage, sort, dir, onSort, sloLink } = props;
  const lastPage = Math.max(0, Math.ceil(rows.length / SLO_ROWS_PER_PAGE) - 1);
  const current = Math.min(page, lastPage);
  const pageRows = rows.slice(current * SLO_ROWS_PER_PAGE, (current + 1) * SLO_ROWS_PER_PAGE);
  // Ten rows at once, then ten per task (see useProgressiveCount); a new
  // page, sort or filter starts over.
  const shown = useProgressiveCount(pageRows.length, {
    first: 10,
    step: 10,
    resetKey: `${current}|${sort}|${dir}|${pageRows[0]?.entityRef}/${pageRows[0]?.name}|${pageRows.length}`,
  });
  const visible = pageRows.slice(0, shown);
  // Unsorted means worst first, by status: say so to screen readers too.
  const activeKey = sort ?? 'health';
  const activeDir = sort ? dir : 'asc';
  const header = (key: SloSortKey, label: string, width: string, align?: 'right') => (
    <SortableHeader
      label={label}
      sortKey={key}
      activeKey={activeKey}
      dir={activeDir}
      onSort={onSort}
      align={align}
      width={width}
    />
  );
  return (
    <>
      <Table
        size="small"
        aria-label="Services and SLOs"
        data-testid="scorecard-table"
        sx={[
          {
            // Fixed layout with shares of the width, never narrower than its
            // words and chips need: below that it scrolls with the name fixed.
            tableLayout: 'fixed',
            minWidth: 760,
            '& th, & td': { px: 1 },
            '& td': { overflowWrap: 'break-word' },
          },
          stickyFirstColumnSx,
        ]}
      >
        <TableHead>
          <TableRow>
            {header('service', 'Service and SLO', '20%')}
            {header('objective', 'Objective', '12%', 'right')}
            {header('attainment', 'Attainment', '13%', 'right')}
            <TableCell sx={{ width: '11%' }}>Trend</TableCell>
            {header('budget', 'Budget left', '12%', 'right')}
            {header('health', 'Status', '17%')}
            {header('previous', 'Previous period', '15%', 'right')}
          </TableRow>
        </TableHead>
        <TableBody>
          {visible.length === 0 && (
            <TableRow>
              <TableCell colSpan={7}>No SLOs match the filters.</TableCell>
            </TableRow>
          )}
          {visible.map(row => {
            const decimals = objectiveDecimals(row.objective);
            const link = sloLink(row.entityRef);
            return (
              <TableRow
                key={`${row.entityRef}/${row.name}`}
                hover
                data-testid="scorecard-slo-row"
                data-slo={`${row.entityRef}/${row.name}`}
              >
                <TableCell>
                  {link ? (
                    <Link component={RouterLink} href={link}>
                      {row.entityTitle || row.entityRef}
                    </Link>
                  ) : (
                    row.entityTitle || row.entityRef
                  )}
                  <Typography variant="body2" color="text.secondary" component="div">
                    {row.name}
                  </Typography>
                  {row.composite && (
                    <Typography variant="caption" color="text.secondary" component="div" data-testid="scorecard-composite">
                      {`composite, ${row.composite}`}
                    </Typography>
                  )}
                </TableCell>
                <TableCell align="right" sx={NUMBER_CELL}>
                  {formatObjective(row.objective)}
                  <Typography variant="caption" color="text.secondary" component="div">
                    <span title={row.window}>{row.window.replace(/\s*\(.*\)$/, '')}</span>
                  </Typography>
                </TableCell>
                <TableCell align="right" sx={NUMBER_CELL}>
                  {formatAttainment(row.sli, decimals)}
                  {row.dataState !== 'ok' && (
                    <Typography variant="caption" color="text.secondary" component="div">
                      {DATA_STATE_LABELS[row.dataState]}
                    </Typography>
                  )}
                </TableCell>
                <TableCell>
                  <Sparkline
                    values={row.sparkline}
                    target={row.objective}
                    label={`SLI of ${row.name}`}
                    width={72}
                  />
                </TableCell>
                <TableCell align="right" sx={NUMBER_CELL}>
                  <BudgetText remaining={row.budgetRemaining} />
                </TableCell>
                <TableCell>
                  <SloHealthChip health={row.health} />
                  <StatusNotes row={row} />
                </TableCell>
                <TableCell align="right" sx={NUMBER_CELL} data-testid="scorecard-slo-previous">
                  <PreviousPeriod row={row} decimals={decimals} />
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
      {rows.length > SLO_ROWS_PER_PAGE && (
        <TablePagination
          component="div"
          count={rows.length}
          page={current}
          rowsPerPage={SLO_ROWS_PER_PAGE}
          rowsPerPageOptions={[SLO_ROWS_PER_PAGE]}
          onPageChange={(_event, next) => onPage(next)}
        />
      )}
    </>
  );
}

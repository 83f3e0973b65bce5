import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Link from '@mui/material/Link';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TablePagination from '@mui/material/TablePagination';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { RouterLink } from '@backstage/frontend-plugin-api';
import type { ScorecardSlo } from '@slo-kit/plugin-slo-common';
import {
  formatAttainment,
  formatBudget,
  formatObjective,
  formatPoints,
  objectiveDecimals,
} from '../../format';
import { changePoints, type SloSortKey } from '../../scorecard';
import { DATA_STATE_LABELS } from '../../status';
import { SloHealthChip } from '../SloHealthChip';
import { SortableHeader } from '../SortableHeader';
import { Sparkline } from '../Sparkline';

/** Rows per page of the SLO table. */
export const SLO_ROWS_PER_PAGE = 50;

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
  const visible = rows.slice(current * SLO_ROWS_PER_PAGE, (current + 1) * SLO_ROWS_PER_PAGE);
  const header = (key: SloSortKey, label: string, align?: 'right') => (
    <SortableHeader label={label} sortKey={key} activeKey={sort} dir={dir} onSort={onSort} align={align} />
  );
  return (
    <>
      <Table size="small" aria-label="Services and SLOs" data-testid="scorecard-table">
        <TableHead>
          <TableRow>
            {header('service', 'Service')}
            {header('slo', 'SLO')}
            {header('objective', 'Objective', 'right')}
            {header('attainment', 'Attainment', 'right')}
            <TableCell>Trend over the window</TableCell>
            {header('budget', 'Budget left', 'right')}
            {header('health', 'Status')}
            {header('previous', 'Previous period', 'right')}
            {header('change', 'Change', 'right')}
          </TableRow>
        </TableHead>
        <TableBody>
          {visible.length === 0 && (
            <TableRow>
              <TableCell colSpan={9}>No SLOs match the filters.</TableCell>
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
                </TableCell>
                <TableCell>{row.name}</TableCell>
                <TableCell align="right">
                  {formatObjective(row.objective)}
                  <Typography variant="caption" color="text.secondary" component="div">
                    {row.window}
                  </Typography>
                </TableCell>
                <TableCell align="right" sx={{ fontVariantNumeric: 'tabular-nums' }}>
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
                  />
                </TableCell>
                <TableCell align="right" sx={{ fontVariantNumeric: 'tabular-nums' }}>
                  {formatBudget(row.budgetRemaining)}
                </TableCell>
                <TableCell>
                  <Box sx={{ display: 'flex', gap: 0.5, flexWrap: 'wrap' }}>
                    <SloHealthChip health={row.health} />
                    {row.paging && <Chip size="small" color="error" label="Paging" />}
                    {!row.paging && row.ticketing && <Chip size="small" color="warning" label="Ticket" />}
                    {row.demo && <Chip size="small" variant="outlined" label="Demo" />}
                  </Box>
                </TableCell>
                <TableCell align="right" sx={{ fontVariantNumeric: 'tabular-nums' }}>
                  {formatAttainment(row.previousPeriodSli, decimals)}
                </TableCell>
                <TableCell align="right">{formatPoints(changePoints(row), 2)}</TableCell>
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

import Box from '@mui/material/Box';
import Link from '@mui/material/Link';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useTheme } from '@mui/material/styles';
import type { MouseEvent } from 'react';
import { formatBudget, formatShare, formatPoints } from '../../format';
import { meetingShare, type GroupSortKey, type GroupTreeRow } from '../../scorecard';
import { SortableHeader } from '../SortableHeader';

/** Props of {@link ScorecardGroupTable}. */
export interface ScorecardGroupTableProps {
  rows: GroupTreeRow[];
  sort?: string;
  dir: 'asc' | 'desc';
  onSort: (key: GroupSortKey) => void;
  /** The shareable link of a group's view (a query string). */
  groupHref: (groupRef: string) => string;
  /** Opens a group in place. */
  onOpenGroup: (groupRef: string) => void;
}

/** Plain clicks open in place; modified clicks keep the browser's behaviour (new tab...). */
function isPlainClick(event: MouseEvent): boolean {
  return event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey && !event.altKey;
}

/**
 * Every team with its SLOs rolled up (sub-teams included), indented under
 * its parent. A team's name opens its services × SLOs.
 */
export function ScorecardGroupTable(props: ScorecardGroupTableProps) {
  const { rows, sort, dir, onSort, groupHref, onOpenGroup } = props;
  const theme = useTheme();
  const header = (key: GroupSortKey, label: string, width: string, align?: 'right') => (
    <SortableHeader
      label={label}
      sortKey={key}
      activeKey={sort}
      dir={dir}
      onSort={onSort}
      align={align}
      width={width}
      testIdPrefix="team-sort-"
    />
  );
  return (
    <Table
      size="small"
      aria-label="Teams"
      data-testid="scorecard-teams-table"
      sx={{
        // Fixed layout with shares of the width: fits the ~740 px a 1024 px
        // window leaves, and only words longer than a column ever break.
        tableLayout: 'fixed',
        minWidth: 600,
        '& th, & td': { px: 1 },
        '& td': { overflowWrap: 'anywhere' },
      }}
    >
      <TableHead>
        <TableRow>
          {header('group', 'Team', '21%')}
          {header('services', 'Services', '12%', 'right')}
          {header('slos', 'SLOs', '9%', 'right')}
          {header('meeting', 'Meeting', '12%', 'right')}
          {header('budget', 'Worst budget', '20%')}
          {header('paging', 'Paging', '12%', 'right')}
          {header('trend', 'vs last period', '14%', 'right')}
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.length === 0 && (
          <TableRow>
            <TableCell colSpan={7}>
              No teams own SLOs yet. Teams appear here once their services declare SLOs.
            </TableCell>
          </TableRow>
        )}
        {rows.map(({ group, depth }) => {
          const share = meetingShare(group);
          return (
            <TableRow key={group.groupRef} hover data-testid="scorecard-team-row" data-group={group.groupRef}>
              <TableCell sx={{ pl: `${8 + depth * 16}px !important` }}>
                <Link
                  href={groupHref(group.groupRef)}
                  onClick={event => {
                    if (isPlainClick(event)) {
                      event.preventDefault();
                      onOpenGroup(group.groupRef);
                    }
                  }}
                >
                  {depth > 0 && <span aria-hidden="true">└ </span>}
                  {group.title}
                </Link>
                {group.childRefs.length > 0 && (
                  <Typography variant="caption" color="text.secondary" component="div">
                    incl. {group.childRefs.length} sub-team{group.childRefs.length === 1 ? '' : 's'}
                  </Typography>
                )}
              </TableCell>
              <TableCell align="right">{group.services}</TableCell>
              <TableCell align="right">{group.slos}</TableCell>
              <TableCell align="right">
                {share === null ? '—' : formatShare(share)}
                <Typography variant="caption" color="text.secondary" component="div">
                  {group.meeting} of {group.slos}
                </Typography>
              </TableCell>
              <TableCell>
                {group.worstBudget ? (
                  <>
                    <Box
                      component="span"
                      sx={{
                        color: group.worstBudget.budgetRemaining < 0 ? theme.palette.error.main : undefined,
                        fontVariantNumeric: 'tabular-nums',
                      }}
                    >
                      {formatBudget(group.worstBudget.budgetRemaining)}
                    </Box>
                    <Typography variant="caption" color="text.secondary" component="div">
                      {group.worstBudget.name}
                    </Typography>
                  </>
                ) : (
                  '—'
                )}
              </TableCell>
              <TableCell
                align="right"
                sx={group.paging > 0 ? { color: theme.palette.error.main, fontWeight: 600 } : undefined}
              >
                {group.paging > 0 ? `${group.paging} paging` : '0'}
              </TableCell>
              <TableCell align="right">{formatPoints(group.trendPoints)}</TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}

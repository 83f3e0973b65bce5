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
import type { GroupSortKey, GroupTreeRow } from '../../scorecard';
import { SortableHeader } from '../SortableHeader';
import { statusColors } from '../../status';
import { stickyFirstColumnSx } from '../../layout';

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

/** Shares of the table's width per column, without and with the "Suggested" column. */
const WIDTHS = {
  group: '21%',
  services: '12%',
  slos: '9%',
  meeting: '12%',
  budget: '20%',
  paging: '12%',
  trend: '14%',
};
const SUGGESTED_WIDTHS = {
  group: '19%',
  services: '10%',
  slos: '7%',
  meeting: '11%',
  budget: '18%',
  paging: '9%',
  trend: '14%',
  suggestions: '12%',
};

/** How many rows below each one are nested under it: the sub-teams the tree shows. */
function nestedCounts(rows: readonly GroupTreeRow[]): number[] {
  return rows.map((row, index) => {
    let count = 0;
    for (let next = index + 1; next < rows.length && rows[next].depth > row.depth; next++) {
      count++;
    }
    return count;
  });
}

/** Plain clicks open in place; modified clicks keep the browser's behaviour (new tab...). */
function isPlainClick(event: MouseEvent): boolean {
  return event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey && !event.altKey;
}

/**
 * Every team with its SLOs rolled up (sub-teams included), indented under
 * its parent. A team's name opens its services × SLOs. Every figure is the
 * backend's: share meeting of the SLOs with a known status, the trend over
 * the SLOs known in both periods, and (when the backend searches for
 * suggested SLOs) how many of the team's services without SLOs have one ready.
 */
export function ScorecardGroupTable(props: ScorecardGroupTableProps) {
  const { rows, sort, dir, onSort, groupHref, onOpenGroup } = props;
  const theme = useTheme();
  const nested = nestedCounts(rows);
  // The column shows only when the backend searches for suggested SLOs.
  const showSuggestions = rows.some(row => row.group.withoutSlos !== undefined);
  const widths = showSuggestions ? SUGGESTED_WIDTHS : WIDTHS;
  const header = (key: GroupSortKey, label: string, width: string, align?: 'right') => (
    <SortableHeader
      label={label}
      sortKey={key}
      activeKey={sort ?? 'group'}
      dir={sort ? dir : 'asc'}
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
      sx={[
        {
          // Fixed layout with shares of the width, never narrower than its
          // headers need ("Meetin g" at 600 px): below that it scrolls with
          // the team column fixed.
          tableLayout: 'fixed',
          minWidth: showSuggestions ? 840 : 700,
          '& th, & td': { px: 1 },
          '& td': { overflowWrap: 'break-word' },
        },
        stickyFirstColumnSx,
      ]}
    >
      <TableHead>
        <TableRow>
          {header('group', 'Team', widths.group)}
          {header('services', 'Services', widths.services, 'right')}
          {header('slos', 'SLOs', widths.slos, 'right')}
          {header('meeting', 'Meeting', widths.meeting, 'right')}
          {header('budget', 'Worst budget', widths.budget)}
          {header('paging', 'Paging', widths.paging, 'right')}
          {header('trend', 'vs last period', widths.trend, 'right')}
          {showSuggestions && header('suggestions', 'Suggested', SUGGESTED_WIDTHS.suggestions, 'right')}
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.length === 0 && (
          <TableRow>
            <TableCell colSpan={showSuggestions ? 8 : 7}>
              No teams own SLOs yet. Teams appear here once their services declare SLOs.
            </TableCell>
          </TableRow>
        )}
        {rows.map(({ group, depth }, index) => {
          const share = group.meetingShare;
          const known = group.slos - group.unknown;
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
                {nested[index] > 0 && (
                  <Typography variant="caption" color="text.secondary" component="div">
                    incl. {nested[index]} sub-team{nested[index] === 1 ? '' : 's'}
                  </Typography>
                )}
              </TableCell>
              <TableCell align="right">{group.services}</TableCell>
              <TableCell align="right">{group.slos}</TableCell>
              <TableCell align="right">
                {share === null ? '—' : formatShare(share)}
                <Typography variant="caption" color="text.secondary" component="div">
                  {group.meeting} of {known} known
                  {group.unknown > 0 && `, ${group.unknown} unknown`}
                </Typography>
              </TableCell>
              <TableCell>
                {group.worstBudget ? (
                  <>
                    <Box
                      component="span"
                      sx={{
                        color: group.worstBudget.budgetRemaining < 0 ? statusColors(theme, 'error').text : undefined,
                        fontVariantNumeric: 'tabular-nums',
                      }}
                    >
                      {formatBudget(group.worstBudget.budgetRemaining)}
                    </Box>
                    <Typography variant="caption" color="text.secondary" component="div">
                      {group.worstBudget.entityTitle || group.worstBudget.entityRef} · {group.worstBudget.name}
                    </Typography>
                  </>
                ) : (
                  '—'
                )}
              </TableCell>
              <TableCell
                align="right"
                sx={group.paging > 0 ? { color: statusColors(theme, 'error').text, fontWeight: 600 } : undefined}
              >
                {group.paging > 0 ? `${group.paging} paging` : '0'}
              </TableCell>
              <TableCell align="right" data-testid="scorecard-team-trend">
                {formatPoints(group.trend.points, 1)}
                {group.trend.points !== null && group.trend.compared < group.slos && (
                  <Typography variant="caption" color="text.secondary" component="div">
                    over {group.trend.compared} of {group.slos}
                  </Typography>
                )}
              </TableCell>
              {showSuggestions && (
                <TableCell align="right" data-testid="scorecard-team-suggested">
                  {group.withoutSlos ? group.withoutSlos.withSuggestion : '—'}
                  {group.withoutSlos && (
                    <Typography variant="caption" color="text.secondary" component="div">
                      of {group.withoutSlos.services} without SLOs
                    </Typography>
                  )}
                </TableCell>
              )}
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}

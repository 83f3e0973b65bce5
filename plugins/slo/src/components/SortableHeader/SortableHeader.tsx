import TableCell from '@mui/material/TableCell';
import TableSortLabel from '@mui/material/TableSortLabel';
import type { ReactNode } from 'react';

/** Props of {@link SortableHeader}. */
export interface SortableHeaderProps<K extends string> {
  label: ReactNode;
  sortKey: K;
  /** The column the table is sorted by, if any. */
  activeKey?: string;
  dir: 'asc' | 'desc';
  onSort: (key: K) => void;
  align?: 'left' | 'right';
  /** Column width for fixed-layout tables, e.g. `12%`. */
  width?: string;
  /** Prefix of the sort button's test id, to tell tables apart. */
  testIdPrefix?: string;
}

/** A table header that sorts on click or Enter; `aria-sort` tells screen readers the order. */
export function SortableHeader<K extends string>(props: SortableHeaderProps<K>) {
  const { label, sortKey, activeKey, dir, onSort, align, width, testIdPrefix = 'sort-' } = props;
  const active = activeKey === sortKey;
  return (
    <TableCell align={align} sortDirection={active ? dir : false} sx={{ width }}>
      <TableSortLabel
        active={active}
        direction={active ? dir : 'asc'}
        onClick={() => onSort(sortKey)}
        // The arrow shows on the sorted column only, leaving room in narrow ones.
        hideSortIcon
        data-testid={`${testIdPrefix}${sortKey}`}
      >
        {label}
      </TableSortLabel>
    </TableCell>
  );
}

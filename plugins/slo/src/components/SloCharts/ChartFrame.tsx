import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useEffect, useId, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { queueChartDraw, type ChartDrawTicket } from './chartDrawQueue';

/** The plot's size in pixels. */
export interface ChartSize {
  width: number;
  height: number;
}

/** What the chart may draw besides its data. */
export interface ChartExtras {
  /**
   * The pointer has entered the plot or focus has moved into it at least
   * once: from then on the chart has its tooltip.
   */
  engaged: boolean;
}

/** A chart's points as text: what a keyboard or screen reader user reads instead of hovering. */
export interface ChartDataTable {
  /** Column headers, the first naming the span of each row. */
  columns: string[];
  /** One row per point, already formatted. */
  rows: string[][];
}

/** Props of {@link ChartFrame}. */
export interface ChartFrameProps {
  title: string;
  /** Accessible name and visible caption: what the chart shows, in numbers. */
  summary: string;
  /** Time zone note under the chart. */
  zoneNote: string;
  testId: string;
  /** Plot height in pixels. */
  height: number;
  /** Where layout gives no width (jsdom, a hidden tab), the chart is drawn this wide until it is resized. */
  fallbackWidth: number;
  /** The chart, drawn at the plot's measured size. */
  children: (size: ChartSize, extras: ChartExtras) => ReactNode;
  /** The chart's points as a table, built only when someone opens it. */
  dataTable?: () => ChartDataTable;
  /** What else to print under the chart, such as a legend of its lines. */
  legend?: ReactNode;
}

/**
 * A titled chart with `role="img"` and a summary as its accessible name; the
 * summary is also printed under the chart so keyboard users get the numbers.
 *
 * The plot box is measured before the chart is drawn (in a layout effect):
 * a responsive chart started at a guessed size draws itself twice, once at
 * the guess and again when its resize observer reports the real width. The
 * chart itself is drawn in a task of its own (see `queueChartDraw`), so the
 * charts of a page never add up to one long task.
 *
 * The chart learns when the user first reaches for it (pointer or focus), so
 * it can leave its tooltip out until then: a recharts tooltip measures itself
 * and watches its size when it mounts, for every chart on the page, though
 * most charts are never hovered.
 *
 * Every point is also reachable without a mouse: a "Show data" button under
 * the chart opens its points as a table, built only then.
 */
export function ChartFrame(props: ChartFrameProps) {
  const { title, summary, zoneNote, testId, height, fallbackWidth, children, dataTable, legend } =
    props;
  const tableId = useId();
  const [showTable, setShowTable] = useState(false);
  const plot = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState<ChartSize>();
  const [engaged, setEngaged] = useState(false);
  const engage = engaged ? undefined : () => setEngaged(true);
  const ticket = useRef<ChartDrawTicket>();
  useLayoutEffect(() => {
    const width = Math.round(plot.current?.getBoundingClientRect().width ?? 0);
    const measured = { width: width > 0 ? width : fallbackWidth, height };
    const queued = queueChartDraw(() => setSize(measured));
    ticket.current = queued;
    return queued.cancel;
  }, [fallbackWidth, height]);
  // `measured` is a new object each time, so every draw commits and lands here.
  useEffect(() => {
    if (size) {
      ticket.current?.drawn();
    }
  }, [size]);
  return (
    <Box component="figure" sx={{ m: 0 }} data-testid={testId}>
      <Typography variant="subtitle2" component="h4">
        {title}
      </Typography>
      <Box
        ref={plot}
        role="img"
        aria-label={summary}
        sx={{ width: '100%', height }}
        onPointerEnter={engage}
        onFocus={engage}
      >
        {size && children(size, { engaged })}
      </Box>
      {legend}
      <Typography
        variant="caption"
        color="text.secondary"
        component="figcaption"
      >
        {summary} {zoneNote}
      </Typography>
      {dataTable && (
        <Box>
          <Button
            size="small"
            onClick={() => setShowTable(shown => !shown)}
            aria-expanded={showTable}
            aria-controls={showTable ? tableId : undefined}
            data-testid={`${testId}-data-toggle`}
            sx={{ textTransform: 'none', px: 0.5 }}
          >
            {showTable ? `Hide data` : `Show data`}
          </Button>
          {showTable && <ChartTable id={tableId} title={title} table={dataTable()} testId={`${testId}-data`} />}
        </Box>
      )}
    </Box>
  );
}

function ChartTable(props: { id: string; title: string; table: ChartDataTable; testId: string }) {
  const { id, title, table, testId } = props;
  return (
    // Focusable, so a keyboard can scroll a long table.
    <Box
      id={id}
      role="region"
      tabIndex={0}
      aria-label={`${title}, data`}
      sx={{ maxHeight: 280, overflow: 'auto' }}
      data-testid={testId}
    >
      <Table size="small" stickyHeader aria-label={`${title}, one row per point`}>
        <TableHead>
          <TableRow>
            {table.columns.map((column, index) => (
              <TableCell key={column} align={index === 0 ? 'left' : 'right'}>
                {column}
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {table.rows.map(row => (
            <TableRow key={row[0]}>
              {row.map((cell, index) => (
                <TableCell
                  // Columns are fixed per table: the index names the cell.
                  // eslint-disable-next-line react/no-array-index-key
                  key={index}
                  component={index === 0 ? 'th' : 'td'}
                  scope={index === 0 ? 'row' : undefined}
                  align={index === 0 ? 'left' : 'right'}
                  sx={{ fontVariantNumeric: 'tabular-nums' }}
                >
                  {cell}
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}

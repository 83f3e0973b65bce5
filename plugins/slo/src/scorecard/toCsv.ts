/** One CSV cell: text, a number, a boolean, or empty for null/undefined. */
export type CsvCell = string | number | boolean | null | undefined;

/**
 * RFC 4180 CSV with CRLF line ends. Text that a spreadsheet would run as a
 * formula (starting with `=`, `+`, `-`, `@`, tab or CR) gets a leading `'`;
 * numbers stay numbers, so negative budgets remain sortable.
 */
export function toCsv(rows: readonly (readonly CsvCell[])[]): string {
  return rows.map(row => row.map(csvCell).join(',')).join('\r\n').concat('\r\n');
}

function csvCell(cell: CsvCell): string {
  if (cell === null || cell === undefined) {
    return '';
  }
  if (typeof cell === 'number') {
    return Number.isFinite(cell) ? String(cell) : '';
  }
  if (typeof cell === 'boolean') {
    return cell ? 'yes' : 'no';
  }
  const text = /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A fraction as a percentage number for CSV, 4 decimals, without float noise: 0.998734 → 99.8734. */
export function csvPercent(fraction: number | null | undefined): number | null {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) {
    return null;
  }
  return Math.round(fraction * 100 * 10_000) / 10_000;
}

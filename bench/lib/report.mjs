// The results table: plain text for the terminal, Markdown for
// docs/performance.md, each measured figure beside its target.

const MiB = 2 ** 20;

export const fmt = {
  s: seconds =>
    seconds === undefined || seconds === null ? '–' : `${seconds.toFixed(1)} s`,
  ms: ms =>
    ms === undefined || ms === null
      ? '–'
      : ms >= 100
      ? `${Math.round(ms)} ms`
      : `${ms.toFixed(1)} ms`,
  mib: bytes =>
    bytes === undefined || bytes === null
      ? '–'
      : `${(bytes / MiB).toFixed(0)} MiB`,
  int: n =>
    n === undefined || n === null ? '–' : Math.round(n).toLocaleString('en-US'),
  rps: n =>
    n === undefined || n === null
      ? '–'
      : n >= 100
      ? `${Math.round(n)}/s`
      : `${n.toFixed(1)}/s`,
  ratio: n =>
    n === undefined || n === null || !Number.isFinite(n)
      ? '–'
      : `${n >= 10 ? Math.round(n) : n.toFixed(1)}×`,
};

/** A verdict: ✓ met, ✗ missed, blank when there is no target. */
export function verdict(ok) {
  if (ok === undefined) return '';
  return ok ? 'met' : 'MISSED';
}

function columnsWidths(rows) {
  return rows[0].map((_, i) => Math.max(...rows.map(r => String(r[i]).length)));
}

/** A table as aligned text. */
export function textTable(header, rows) {
  const all = [header, ...rows];
  const widths = columnsWidths(all);
  const line = row =>
    row
      .map((cell, i) => String(cell).padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  return [
    line(header),
    widths.map(w => '-'.repeat(w)).join('  '),
    ...rows.map(line),
  ].join('\n');
}

/** The same table as Markdown. */
export function markdownTable(header, rows) {
  const line = row =>
    `| ${row.map(cell => String(cell).replace(/\|/g, '\\|')).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join(
    '\n',
  );
}

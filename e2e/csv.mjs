// Reading the CSV files the pages download, as a spreadsheet would: quoted
// cells may hold commas ("composite, events"), doubled quotes and line breaks.
import { readFileSync } from 'node:fs';

/** The rows of a CSV text, each a list of cells. */
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/** A downloaded CSV file's data rows as objects keyed by the header's names. */
export function readCsvRecords(file) {
  const [header, ...rows] = parseCsv(readFileSync(file, 'utf8'));
  return rows.map(cells => Object.fromEntries(header.map((name, i) => [name, cells[i]])));
}

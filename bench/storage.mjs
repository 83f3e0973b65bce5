// `node bench/storage.mjs [--slos N] [--days D] [--fine-days F] [--whole-counts] [--sqlite-only|--postgres-only]`:
// bytes per SLO of a long history in the compact layout, on SQLite and
// PostgreSQL (see lib/storageEstimate.mjs). Prints JSON with the load average.
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { measureStorage } from './lib/storageEstimate.mjs';

const { values } = parseArgs({
  options: {
    slos: { type: 'string', default: '20' },
    days: { type: 'string', default: '400' },
    'fine-days': { type: 'string', default: '32' },
    'whole-counts': { type: 'boolean', default: false },
    'sqlite-only': { type: 'boolean', default: false },
    'postgres-only': { type: 'boolean', default: false },
  },
});

let databases = ['sqlite', 'postgres'];
if (values['sqlite-only']) databases = ['sqlite'];
if (values['postgres-only']) databases = ['postgres'];

const loadBefore = loadavg();
const results = await measureStorage({
  slos: Number(values.slos),
  days: Number(values.days),
  fineDays: Number(values['fine-days']),
  fractional: !values['whole-counts'],
  databases,
  log: line => console.error(line),
});
console.log(
  JSON.stringify(
    { loadAverage: { before: loadBefore, after: loadavg() }, results },
    null,
    2,
  ),
);

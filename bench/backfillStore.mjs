// The store's share of a backfill (issue 16): N SLOs with D days of
// 5-minute buckets (fractional counts, as increase() extrapolates them),
// written one SLO after another as the collector's backfill writes them,
// through the path before `h/backfill` (`saveBuckets` into the head, then
// the packing pass) and through `saveHistory` (finished days straight into
// packed rows), on SQLite and PostgreSQL. Nothing else of the collector
// runs: no source, no burn-episode recorder (`collectorScale.mjs` has them).
//
//   node bench/backfillStore.mjs [--slos N] [--days D] [--database NAME]
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { POSTGRES_URL } from './lib/databases.mjs';
import { backend, backendRequire } from './lib/backendSource.mjs';

const require = backendRequire;
const { DatabaseSloStore } = backend('database/DatabaseSloStore.ts');
const knexFactory = require('knex');

const DAY = 86400;
const DAY0 = 1_740_787_200; // 2025-03-01T00:00:00Z

function parseArgs(argv) {
  const options = { slos: 50, days: 35, database: 'slo_bench_backfill_store' };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--slos') options.slos = Number(argv[++i]);
    else if (arg === '--days') options.days = Number(argv[++i]);
    else if (arg === '--database') options.database = argv[++i];
    else
      throw new Error(
        `Unknown argument ${arg}; use --slos N, --days D, --database NAME`,
      );
  }
  if (!/^[a-z0-9_]+$/.test(options.database))
    throw new Error(
      `--database ${options.database}: use lower-case letters, digits and _`,
    );
  return options;
}

/** Buckets of `days` days, counts with fractions and some errors. */
function buckets(days) {
  let state = 1;
  const random = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  return Array.from({ length: (days * DAY) / 300 }, (_, i) => {
    const total = (500 + random() * 100) * (300 / 285);
    return {
      start: DAY0 + i * 300,
      durationSeconds: 300,
      good: i % 3 ? total : total - random() * 4,
      total,
    };
  });
}

/**
 * Backfills `options.slos` SLOs through each path into a fresh database
 * from `open()` and prints what it took.
 */
async function measure(label, open, options) {
  const list = buckets(options.days);
  const collected = { from: DAY0, until: DAY0 + options.days * DAY };
  for (const way of ['before: saveBuckets, then packHistory', 'saveHistory']) {
    const { knex, size, close } = await open();
    try {
      const store = await DatabaseSloStore.create({
        database: { getClient: async () => knex },
      });
      const load = loadavg()[0];
      const started = performance.now();
      const cpu = process.cpuUsage();
      for (let i = 0; i < options.slos; i++) {
        const sloId = `component:default/service-${i}/availability`;
        if (way === 'saveHistory')
          await store.saveHistory(sloId, list, collected);
        else await store.saveBuckets(sloId, list, collected);
      }
      const written = performance.now();
      // Every SLO in one pass (the collector packs 1,000 a cycle).
      await store.packHistory({ before: collected.until, maxSlos: Infinity });
      const packed = performance.now();
      const used = process.cpuUsage(cpu);
      const perSlo = ms => `${(ms / options.slos).toFixed(1)} ms`;
      process.stdout.write(
        `${label}, ${way}: ${options.slos} SLOs × ${options.days} days, ` +
          `per SLO ${perSlo(packed - started)} (writing ${perSlo(
            written - started,
          )}, packing after ${perSlo(packed - written)}), ` +
          `CPU of this process ${perSlo((used.user + used.system) / 1000)}, ` +
          `database ${((await size()) / 2 ** 20).toFixed(
            1,
          )} MiB; load ${load.toFixed(1)}\n`,
      );
    } finally {
      await close();
    }
  }
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  await measure(
    'SQLite',
    async () => {
      const dir = await mkdtemp(path.join(tmpdir(), 'slo-backfill-store-'));
      const file = path.join(dir, 'store.sqlite');
      const knex = knexFactory({
        client: 'better-sqlite3',
        connection: { filename: file },
        useNullAsDefault: true,
      });
      return {
        knex,
        // The file and its write-ahead log (not checkpointed yet).
        size: async () =>
          (await stat(file)).size +
          ((await stat(`${file}-wal`).catch(() => undefined))?.size ?? 0),
        close: async () => {
          await knex.destroy();
          await rm(dir, { recursive: true, force: true });
        },
      };
    },
    options,
  );

  const adminUrl = new URL(POSTGRES_URL);
  adminUrl.pathname = '/postgres';
  const admin = knexFactory({ client: 'pg', connection: adminUrl.toString() });
  const { database } = options;
  try {
    await measure(
      'PostgreSQL',
      async () => {
        await admin.raw(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
        await admin.raw(`CREATE DATABASE ${database}`);
        const url = new URL(POSTGRES_URL);
        url.pathname = `/${database}`;
        const knex = knexFactory({ client: 'pg', connection: url.toString() });
        return {
          knex,
          size: async () =>
            Number(
              (
                await admin.raw('select pg_database_size(?) as bytes', [
                  database,
                ])
              ).rows[0].bytes,
            ),
          close: () => knex.destroy(),
        };
      },
      options,
    );
  } finally {
    await admin.raw(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.destroy();
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});

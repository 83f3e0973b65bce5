// Bytes per SLO of a long history (issue 16, "compact history"): inserts
// `days` of synthetic buckets for `slos` SLOs straight into the store
// (five-minute buckets for the fine history, hourly ones beyond, as
// compaction leaves them), runs the store's packing pass as the collector
// would at noon of the last day (six hours left in the head, above the
// four-hour average), and measures the bucket tables on SQLite
// and PostgreSQL. No backend, no Prometheus: it measures layout, not speed.
import { existsSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { POSTGRES_URL } from './databases.mjs';

const backendRequire = createRequire(
  new URL('../../plugins/slo-backend/package.json', import.meta.url),
);

const DAY = 86400;
const STORAGE_DATABASE = 'slo_storage_bench';
const BUCKET_TABLES = ['slo_buckets', 'slo_bucket_days'];

function loadStore() {
  backendRequire('@backstage/cli/config/nodeTransform.cjs');
  return backendRequire('./src/database/DatabaseSloStore.ts').DatabaseSloStore;
}

/** A deterministic random stream: the same history in every run. */
function seeded(seed) {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

/**
 * One SLO's five-minute counts for one day: a daily traffic curve, errors in
 * about a third of the buckets. `fractional` counts are what Prometheus'
 * increase() returns (extrapolated to the bucket's edges: full 52-bit
 * mantissas); otherwise whole numbers.
 */
function fiveMinuteDay(dayStart, random, base, fractional, count = 288) {
  return Array.from({ length: count }, (_, i) => {
    const curve = 1 + 0.5 * Math.sin((i / 288) * 2 * Math.PI);
    const events = Math.round(base * curve + random() * base * 0.1);
    const bad = random() < 0.3 ? Math.floor(random() * 4) : 0;
    const scale = fractional ? 300 / (300 - 15 * random()) : 1;
    const total = events * scale;
    return {
      start: dayStart + i * 300,
      durationSeconds: 300,
      good: bad ? (events - bad) * scale : total,
      total,
    };
  });
}

function hours(fine) {
  const result = [];
  for (let i = 0; i < fine.length; i += 12) {
    const hour = fine.slice(i, i + 12);
    result.push({
      start: hour[0].start,
      durationSeconds: 3600,
      good: hour.reduce((sum, b) => sum + b.good, 0),
      total: hour.reduce((sum, b) => sum + b.total, 0),
    });
  }
  return result;
}

/** The SLO's history as the store holds it at noon of the last day. */
function history(index, { days, fineDays, fractional, lastDay }) {
  const random = seeded(index + 1);
  const base = 20 + ((index * 37) % 400);
  const buckets = [];
  for (let d = days - 1; d >= 0; d--) {
    const dayStart = lastDay - d * DAY;
    const fine = fiveMinuteDay(
      dayStart,
      random,
      base,
      fractional,
      d === 0 ? 144 : 288,
    );
    buckets.push(...(d < fineDays ? fine : hours(fine)));
  }
  return buckets;
}

async function sqliteTarget() {
  const dir = await mkdtemp(path.join(tmpdir(), 'slo-storage-'));
  const file = path.join(dir, 'slo.sqlite');
  const knex = backendRequire('knex')({
    client: 'better-sqlite3',
    connection: { filename: file },
    useNullAsDefault: true,
  });
  return {
    name: 'SQLite',
    knex,
    async measure() {
      await knex.raw('PRAGMA wal_checkpoint(TRUNCATE)');
      await knex.raw('VACUUM');
      const tables = {};
      try {
        const rows = await knex.raw(
          'SELECT name, SUM(pgsize) AS bytes FROM dbstat GROUP BY name',
        );
        for (const row of rows) tables[row.name] = Number(row.bytes);
      } catch {
        // dbstat is compiled in optionally; the file size still counts.
      }
      const [{ page_count: pages }] = await knex.raw('PRAGMA page_count');
      const [{ page_size: pageSize }] = await knex.raw('PRAGMA page_size');
      const bucketBytes = Object.entries(tables)
        .filter(([name]) =>
          BUCKET_TABLES.some(t => name.startsWith(t) || name.includes(t)),
        )
        .reduce((sum, [, bytes]) => sum + bytes, 0);
      return {
        fileBytes: existsSync(file) ? statSync(file).size : pages * pageSize,
        pages,
        pageSize,
        bucketBytes,
        tables,
      };
    },
    async close() {
      await knex.destroy();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function postgresTarget() {
  const { Client } = backendRequire('pg');
  const admin = new Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${STORAGE_DATABASE} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${STORAGE_DATABASE}`);
  await admin.end();
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${STORAGE_DATABASE}`;
  const knex = backendRequire('knex')({
    client: 'pg',
    connection: url.toString(),
  });
  return {
    name: 'PostgreSQL',
    knex,
    async measure() {
      // Packing deletes head rows: count live data, as autovacuum would leave it.
      for (const table of BUCKET_TABLES) await knex.raw(`VACUUM FULL ${table}`);
      const tables = {};
      for (const table of BUCKET_TABLES) {
        const { rows } = await knex.raw(
          'SELECT pg_total_relation_size(?::regclass) AS bytes',
          [table],
        );
        tables[table] = Number(rows[0].bytes);
      }
      const { rows } = await knex.raw(
        'SELECT pg_database_size(current_database()) AS bytes',
      );
      return {
        databaseBytes: Number(rows[0].bytes),
        bucketBytes: Object.values(tables).reduce((a, b) => a + b, 0),
        tables,
      };
    },
    async close() {
      await knex.destroy();
    },
  };
}

/**
 * Measures bytes per SLO of `days` of history on each database.
 *
 * @param {object} options
 * @param {number} [options.slos] SLOs to insert (20)
 * @param {number} [options.days] days of history (400)
 * @param {number} [options.fineDays] days of five-minute buckets (32: a 30-day window, its alert window and a day)
 * @param {boolean} [options.fractional] counts as increase() gives them (true) or whole numbers
 * @param {string[]} [options.databases] 'sqlite', 'postgres'
 * @param {(line: string) => void} [options.log]
 */
export async function measureStorage(options = {}) {
  const {
    slos = 20,
    days = 400,
    fineDays = 32,
    fractional = true,
    databases = ['sqlite', 'postgres'],
    log = () => {},
  } = options;
  const DatabaseSloStore = loadStore();
  const lastDay = Math.floor(Date.UTC(2026, 11, 7) / 1000 / DAY) * DAY;
  const now = lastDay + DAY / 2;
  const results = [];
  for (const which of databases) {
    const target =
      which === 'postgres' ? await postgresTarget() : await sqliteTarget();
    try {
      const store = await DatabaseSloStore.create({
        database: { getClient: async () => target.knex },
      });
      let buckets = 0;
      const started = performance.now();
      for (let i = 0; i < slos; i++) {
        const sloId = `component:default/service-${String(i).padStart(
          5,
          '0',
        )}/availability`;
        const list = history(i, { days, fineDays, fractional, lastDay });
        buckets += list.length;
        await store.saveBuckets(sloId, list, {
          from: list[0].start,
          until: now,
        });
        // The collector's pass (compactFineHistory): buckets older than an
        // hour leave the head in six-hour steps; at noon the head holds 06:00-12:00.
        while (
          (await store.packHistory({ before: now - 3600, sloIds: [sloId] })) > 0
        );
        // Compaction's pass: hourly days before the fine history go into blocks.
        await store.compact({
          before: lastDay - (fineDays - 1) * DAY,
          intoSeconds: 3600,
          sloIds: [sloId],
        });
      }
      const insertMs = performance.now() - started;
      const measured = await target.measure();
      const result = {
        database: target.name,
        slos,
        days,
        fineDays,
        fractional,
        buckets,
        insertAndPackSeconds: Math.round(insertMs / 100) / 10,
        bytesPerSlo: Math.round(measured.bucketBytes / slos),
        ...measured,
      };
      log(
        `${target.name}: ${
          result.bytesPerSlo
        } bytes per SLO in the bucket tables (${
          fractional ? 'fractional' : 'whole'
        } counts, ${slos} SLOs × ${days} days)`,
      );
      results.push(result);
    } finally {
      await target.close();
    }
  }
  return results;
}

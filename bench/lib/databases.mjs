// The SLO plugin's database in the two flavours the bench measures: a
// SQLite file (the embedded default) and a PostgreSQL database on the local
// server. Size and row counts are read beside the running backend.
import { existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

export const POSTGRES_URL =
  process.env.BENCH_POSTGRES_URL ??
  'postgresql://postgres:postgres@127.0.0.1:5432';
/** How the backend reaches the SLO plugin's database, and how the bench measures it. */
export function sqliteDatabase(sqliteDir) {
  const file = path.join(sqliteDir, 'slo.sqlite');
  return {
    name: 'SQLite',
    backendConfig: undefined,
    async reset() {},
    async size() {
      return ['', '-wal', '-shm'].reduce((sum, suffix) => {
        const part = `${file}${suffix}`;
        return sum + (existsSync(part) ? statSync(part).size : 0);
      }, 0);
    },
    async bucketRows() {
      const Database = require('better-sqlite3');
      const db = new Database(file, { readonly: true, fileMustExist: true });
      try {
        return db.prepare('select count(*) as n from slo_buckets').get().n;
      } finally {
        db.close();
      }
    },
  };
}

async function withPostgres(database, fn) {
  const { Client } = require('pg');
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${database}`;
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * PostgreSQL: a database of its own (`slo_bench_<port>`), made afresh for
 * each run. Named after the backend's port so that two benches on the shared
 * server (each on its own port) never drop each other's database.
 */
export function postgresDatabase(port, { synchronousCommit = 'on' } = {}) {
  const POSTGRES_DATABASE = `slo_bench_${port}`;
  const url = new URL(POSTGRES_URL);
  return {
    name: 'PostgreSQL',
    // The bench creates the database itself: with SQLite as the base client,
    // the backend's own "ensure it exists" check runs against SQLite and fails.
    backendConfig: {
      client: 'pg',
      ensureExists: false,
      connection: {
        host: url.hostname,
        port: Number(url.port || 5432),
        user: decodeURIComponent(url.username),
        password: decodeURIComponent(url.password),
        database: POSTGRES_DATABASE,
      },
    },
    async reset() {
      await withPostgres('postgres', async client => {
        await client.query(
          `DROP DATABASE IF EXISTS ${POSTGRES_DATABASE} WITH (FORCE)`,
        );
        await client.query(`CREATE DATABASE ${POSTGRES_DATABASE}`);
        // --synchronous-commit off: each commit returns before its WAL is
        // flushed (a crash loses the last commits, in order; the collector
        // resumes from what was stored). The server's default is on.
        if (synchronousCommit !== 'on')
          await client.query(
            `ALTER DATABASE ${POSTGRES_DATABASE} SET synchronous_commit = ${client.escapeLiteral(
              synchronousCommit,
            )}`,
          );
      });
    },
    synchronousCommit,
    /** Transactions committed in the database so far (pg_stat_database): a cycle's commits are the difference. */
    async commits() {
      return withPostgres('postgres', async client => {
        const { rows } = await client.query(
          'select xact_commit from pg_stat_database where datname = $1',
          [POSTGRES_DATABASE],
        );
        return Number(rows[0]?.xact_commit ?? 0);
      });
    },
    async size() {
      return withPostgres('postgres', async client => {
        const { rows } = await client.query(
          'select pg_database_size($1) as bytes',
          [POSTGRES_DATABASE],
        );
        return Number(rows[0].bytes);
      });
    },
    async bucketRows() {
      return withPostgres(POSTGRES_DATABASE, async client => {
        const { rows } = await client.query(
          'select count(*) as n from slo_buckets',
        );
        return Number(rows[0].n);
      });
    },
    async version() {
      return withPostgres(
        'postgres',
        async client =>
          (await client.query('show server_version')).rows[0].server_version,
      );
    },
  };
}

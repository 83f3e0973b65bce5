// The collector at 10,000 services without the portal around it (issue 16,
// item 3): the plugin's own SloCollector, DatabaseSloStore, Prometheus
// source and burn-episode recorder (loaded as `yarn slo` loads them), on the
// bench's fleet (three SLOs a service and the 10-SLO flagship, the same
// catalog entities and TSDB as `yarn bench --services N --days D`), against
// PostgreSQL. It runs a backfill and then an incremental cycle at the same
// fixed clock, as the full bench does, and records wall time, Prometheus'
// own query count, PostgreSQL's commits and the database's size.
//
// Why without the portal: on two shared cores the catalog ingests 10,000
// components at 2-8 a second (20-80 minutes) before a full bench can start
// its first cycle. What this leaves out: the catalog's own background
// processing beside the cycle, the scorecard figures computed after it, the
// API and the backend's memory (`yarn bench` measures those).
//
//   node bench/collectorScale.mjs [--services N] [--days D] [--synchronous-commit on|off] [--database NAME] [--concurrency N]
import { writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { fixture } from './lib/fixtureModule.mjs';
import { fleetSpecs, flagshipSpec, scaleTsdb } from './lib/scaleFixture.mjs';
import { flagshipSlos, threeSlos } from './lib/scaleCatalog.mjs';
import { POSTGRES_URL } from './lib/databases.mjs';
import {
  prometheusCpuSeconds,
  prometheusQueryCount,
  prometheusQuerySeconds,
} from './lib/prometheusQueries.mjs';
import {
  backend,
  backendRequire,
  backendSrc,
  repoRoot,
} from './lib/backendSource.mjs';

const require = backendRequire;

const { SloCollector } = backend('collector/SloCollector.ts');
const { DatabaseSloStore } = backend('database/DatabaseSloStore.ts');
const { SloSourceRegistry } = backend('sources/SloSourceRegistry.ts');
const { createCliSources } = backend('cli/createCliSources.ts');
const { readSloBackendConfig } = backend('config/readSloBackendConfig.ts');
const { CatalogSloDefinitionLoader } = backend(
  'definitions/CatalogSloDefinitionLoader.ts',
);
const { OpenSloReader } = backend('definitions/OpenSloReader.ts');
const { BurnEpisodeRecorder } = backend('episodes/BurnEpisodeRecorder.ts');
const { DatabaseSloEpisodeStore } = backend(
  'episodes/DatabaseSloEpisodeStore.ts',
);
const { ConfigReader } = require('@backstage/config');
const knexFactory = require('knex');

const started = performance.now();
const log = text =>
  process.stdout.write(
    `[${((performance.now() - started) / 1000)
      .toFixed(0)
      .padStart(4)} s] ${text}\n`,
  );

function parseArgs(argv) {
  const options = {
    services: 10000,
    days: 3,
    synchronousCommit: 'on',
    database: 'slo_bench_collector',
    concurrency: undefined,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--services') options.services = Number(argv[++i]);
    else if (arg === '--days') options.days = Number(argv[++i]);
    else if (arg === '--synchronous-commit')
      options.synchronousCommit = argv[++i];
    else if (arg === '--database') options.database = argv[++i];
    else if (arg === '--concurrency') options.concurrency = Number(argv[++i]);
    else
      throw new Error(
        `Unknown argument ${arg}; use --services N, --days D, --synchronous-commit on|off, --database NAME, --concurrency N`,
      );
  }
  if (!['on', 'off'].includes(options.synchronousCommit))
    throw new Error('--synchronous-commit needs on or off');
  if (!/^[a-z_][a-z0-9_]*$/.test(options.database))
    throw new Error(
      `--database ${options.database}: use lower-case letters, digits and _`,
    );
  return options;
}

const silentLogger = {
  info() {},
  warn: text => log(`warn: ${text}`),
  error: text => log(`error: ${text}`),
  debug() {},
  child() {
    return silentLogger;
  },
};

/** A client of the server's `postgres` database, for create/drop and statistics. */
function adminKnex() {
  const url = new URL(POSTGRES_URL);
  url.pathname = '/postgres';
  return knexFactory({ client: 'pg', connection: url.toString() });
}

function component(name, slos) {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: { 'slo-kit.dev/slos': JSON.stringify(slos) },
    },
    spec: {
      type: 'service',
      owner: 'group:default/fleet',
      lifecycle: 'production',
    },
  };
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const benchDir = path.join(repoRoot, '.data/bench');
  const end = fixture().DEMO_END;
  log(`plugin code from ${path.relative(repoRoot, backendSrc)}`);
  log(
    `collector at scale: ${options.services} services, ${
      options.days
    } days, PostgreSQL synchronous_commit ${
      options.synchronousCommit
    }; load ${loadavg()[0].toFixed(1)} on ${cpus().length} CPUs`,
  );
  // The same specs as `yarn bench --services N --days D`, so its cached TSDB is reused.
  const fleet = fleetSpecs({
    count: options.services,
    end,
    days: options.days,
    sampleSeconds: 300,
    longHistory: { services: 0, days: options.days },
  });
  const tsdb = await scaleTsdb({
    specs: [...fleet, flagshipSpec({ end, sampleSeconds: 60 })],
    cacheDir: path.join(benchDir, 'cache'),
    log,
  });
  const prometheus = await fixture().startPrometheus({ dataDir: tsdb.dataDir });
  log(`Prometheus on ${prometheus.url}`);

  const admin = adminKnex();
  const { database } = options;
  await admin.raw(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await admin.raw(`CREATE DATABASE ${database}`);
  if (options.synchronousCommit === 'off')
    await admin.raw(`ALTER DATABASE ${database} SET synchronous_commit = off`);
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${database}`;
  const knex = knexFactory({
    client: 'pg',
    connection: url.toString(),
    pool: { min: 0, max: 10 },
  });
  const commits = async () =>
    Number(
      (
        await admin.raw(
          'select xact_commit from pg_stat_database where datname = ?',
          [database],
        )
      ).rows[0]?.xact_commit ?? 0,
    );
  const size = async () =>
    Number(
      (await admin.raw('select pg_database_size(?) as bytes', [database]))
        .rows[0].bytes,
    );

  const results = {
    startedAt: new Date().toISOString(),
    options,
    cpus: cpus().length,
    loads: [{ phase: 'start', load1: loadavg()[0] }],
    cycles: {},
  };
  try {
    const entities = [
      ...fleet.map(spec => {
        const name = spec.services[0].name;
        return component(name, threeSlos(name));
      }),
      component('flagship', flagshipSlos('flagship')),
    ];
    const config = new ConfigReader({
      slo: {
        defaultSource: 'prometheus',
        now: new Date(end * 1000).toISOString(),
        sources: { prometheus: { prometheus: { baseUrl: prometheus.url } } },
        collector: {
          backfillDays: 365,
          // slo.collector.concurrency: SLOs collected at once (default 4).
          ...(options.concurrency ? { concurrency: options.concurrency } : {}),
        },
      },
    });
    const settings = readSloBackendConfig(config);
    const sources = new SloSourceRegistry(
      createCliSources(config, { at: end }),
      'prometheus',
    );
    const databaseService = { getClient: async () => knex };
    const store = await DatabaseSloStore.create({ database: databaseService });
    // When the cycle's housekeeping (packing, compaction) starts: the time
    // before it is the collection of the SLOs, the rest the pass after it.
    let housekeepingAt;
    const packHistory = store.packHistory.bind(store);
    store.packHistory = options => {
      housekeepingAt = performance.now();
      return packHistory(options);
    };
    const episodes = await DatabaseSloEpisodeStore.create({
      database: databaseService,
    });
    const recorder = new BurnEpisodeRecorder({
      store,
      episodes,
      listeners: [],
    });
    const collector = new SloCollector({
      catalog: { getEntities: async () => ({ items: entities }) },
      auth: {
        getOwnServiceCredentials: async () => ({
          $$type: '@backstage/BackstageCredentials',
          principal: { type: 'service', subject: 'bench' },
        }),
      },
      logger: silentLogger,
      store,
      sources,
      loader: new CatalogSloDefinitionLoader({
        templates: [],
        knownSources: () => sources.list().map(s => s.name),
        openSlo: new OpenSloReader({ readUrl: async () => undefined }),
        now: () => end,
      }),
      clock: { now: () => end },
      settings: settings.collector,
      timeZones: [settings.review.timeZone],
      afterCollect: (definition, collected) =>
        recorder.record(definition, collected),
    });

    // What each cycle asks the database, by statement (its first words and table).
    // How many, and how long they took from sending to the answer (summed
    // over the collector's concurrent SLOs, so more than the wall time).
    let statements = new Map();
    const sent = new Map();
    const nameOf = query => {
      const sql = query.sql.replace(/\s+/g, ' ');
      const key = /^(\w+)\b.*?\b(?:from|into|update|table)\s+"?(\w+)"?/i.exec(
        sql,
      );
      return key ? `${key[1].toLowerCase()} ${key[2]}` : sql.slice(0, 40);
    };
    knex.on('query', query => {
      const name = nameOf(query);
      const entry = statements.get(name) ?? { n: 0, ms: 0 };
      entry.n += 1;
      statements.set(name, entry);
      sent.set(query.__knexQueryUid, { entry, at: performance.now() });
    });
    const answered = query => {
      const start = sent.get(query.__knexQueryUid);
      if (!start) return;
      sent.delete(query.__knexQueryUid);
      start.entry.ms += performance.now() - start.at;
    };
    knex.on('query-response', (_response, query) => answered(query));
    knex.on('query-error', (_error, query) => answered(query));
    for (const label of ['backfill', 'incremental']) {
      statements = new Map();
      const queriesBefore = await prometheusQueryCount(prometheus.url);
      const querySecondsBefore = await prometheusQuerySeconds(prometheus.url);
      const prometheusCpuBefore = await prometheusCpuSeconds(prometheus.url);
      const cpuBefore = process.cpuUsage();
      const commitsBefore = await commits();
      const load1 = loadavg()[0];
      const cycleStarted = performance.now();
      housekeepingAt = undefined;
      const summary = await collector.collectOnce();
      const cycleEnded = performance.now();
      const cpu = process.cpuUsage(cpuBefore);
      const cycle = {
        seconds: summary.durationMs / 1000,
        housekeepingSeconds:
          housekeepingAt === undefined
            ? 0
            : (cycleEnded - housekeepingAt) / 1000,
        collectingSeconds:
          ((housekeepingAt ?? cycleEnded) - cycleStarted) / 1000,
        slos: summary.slos,
        failed: summary.failed,
        bucketsWritten: summary.bucketsWritten,
        queries: (await prometheusQueryCount(prometheus.url)) - queriesBefore,
        // CPU of this process (the collector, knex, the codec) and of Prometheus.
        collectorCpuSeconds: (cpu.user + cpu.system) / 1e6,
        prometheusCpuSeconds:
          (await prometheusCpuSeconds(prometheus.url)) - prometheusCpuBefore,
        // Summed over the queries Prometheus answered at once.
        prometheusSeconds:
          (await prometheusQuerySeconds(prometheus.url)) - querySecondsBefore,
        batches: summary.batches.answered,
        fallbacks: summary.batches.fallbacks.length,
        commits: (await commits()) - commitsBefore,
        bytes: await size(),
        loadBefore: load1,
        loadAfter: loadavg()[0],
        statements: Object.fromEntries(
          [...statements]
            .sort((a, b) => b[1].ms - a[1].ms)
            .map(([name, { n, ms }]) => [name, { n, ms: Math.round(ms) }]),
        ),
      };
      // Per SLO, independent of load: statements (without BEGIN/COMMIT),
      // round trips (with them) and transactions (COMMITs).
      const counted = [...statements];
      const total = counted
        .filter(([name]) => name !== 'BEGIN;' && name !== 'COMMIT;')
        .reduce((sum, [, { n }]) => sum + n, 0);
      const transactions = statements.get('COMMIT;')?.n ?? 0;
      cycle.perSlo = {
        statements: total / Math.max(1, summary.slos),
        roundTrips: (total + 2 * transactions) / Math.max(1, summary.slos),
        transactions: transactions / Math.max(1, summary.slos),
      };
      results.cycles[label] = cycle;
      results.loads.push({ phase: label, load1: cycle.loadAfter });
      log(
        `${label}: ${cycle.seconds.toFixed(
          1,
        )} s (collecting ${cycle.collectingSeconds.toFixed(
          1,
        )} s, packing and compaction ${cycle.housekeepingSeconds.toFixed(
          1,
        )} s), ${cycle.slos} SLOs (${cycle.failed} failed), ` +
          `${cycle.queries} Prometheus queries (${cycle.batches} batches, ${
            cycle.fallbacks
          } fell back, ${cycle.prometheusSeconds.toFixed(
            1,
          )} s answering, ${cycle.prometheusCpuSeconds.toFixed(
            1,
          )} s of its CPU), collector CPU ${cycle.collectorCpuSeconds.toFixed(
            1,
          )} s, ` +
          `${cycle.bucketsWritten} buckets written, ${cycle.commits} commits, ` +
          `${(cycle.bytes / 2 ** 20).toFixed(0)} MiB; load ${load1.toFixed(
            1,
          )} → ${cycle.loadAfter.toFixed(1)}`,
      );
      log(
        `  per SLO: ${cycle.perSlo.statements.toFixed(
          3,
        )} statements, ${cycle.perSlo.roundTrips.toFixed(
          3,
        )} round trips, ${cycle.perSlo.transactions.toFixed(3)} transactions`,
      );
      log(`  statements: ${JSON.stringify(cycle.statements)}`);
      if (summary.failed > 0)
        log(
          `first errors: ${JSON.stringify(
            Object.entries(summary.errors).slice(0, 3),
          )}`,
        );
    }
    // Sizes without the dead rows a cycle leaves behind (a moved or replaced
    // row stays in the file until VACUUM): what the history occupies.
    await knex.raw('VACUUM FULL');
    results.vacuumed = {
      bytes: await size(),
      tables: Object.fromEntries(
        (
          await knex.raw(
            `select relname as name, pg_total_relation_size(c.oid) as bytes, reltuples as rows
               from pg_class c join pg_namespace n on n.oid = c.relnamespace
              where n.nspname = 'public' and c.relkind = 'r' and relname like 'slo_%'
              order by 2 desc limit 6`,
          )
        ).rows.map(row => [
          row.name,
          { bytes: Number(row.bytes), rows: Number(row.rows) },
        ]),
      ),
    };
    log(
      `after VACUUM FULL: ${(results.vacuumed.bytes / 2 ** 20).toFixed(
        1,
      )} MiB; ${JSON.stringify(results.vacuumed.tables)}`,
    );
    results.backendSrc = path.relative(repoRoot, backendSrc);
    results.rssMiB = Math.round(process.memoryUsage().rss / 2 ** 20);
    const file = path.join(
      benchDir,
      `collector-${results.startedAt.replace(/[:.]/g, '-')}.json`,
    );
    await writeFile(file, JSON.stringify(results, null, 2));
    log(`results in ${file}`);
  } finally {
    await knex.destroy();
    await admin.destroy();
    await prometheus.stop();
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});

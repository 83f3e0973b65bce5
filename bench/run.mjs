#!/usr/bin/env node
// Performance at portal scale, in one run (docs/performance.md):
//
//   yarn bench            1,000 services × 3 SLOs + a 10-SLO flagship, SQLite and PostgreSQL
//   yarn bench --quick    60 services, short loads: proves the bench works in a few minutes
//
// Options: --services N, --skip-postgres, --skip-frontend, --skip-composite
// (the scorecards with and without a 300-component composite), --fresh (rebuild
// the cached TSDB), --reuse-build (serve the last production build of the app
// again), --keep (keep the work directory), --port N (backend port,
// default 7341). Results go to .data/bench/results-<time>.json as well.
//
//   yarn bench --frontend-only DIR [--reuse-build] [--trace] [--port N]
//   yarn bench --api-only DIR [--endpoints review,team] [--quick] [--port N]
//
// time only the three pages in headless Chromium, or only the API load (all
// endpoints, or those named), against the databases and catalog a `--keep`
// run left in DIR (its SQLite files): no Prometheus, no collection, so a
// change to the app or the API is measured in a few minutes. The SLO API
// reads only stored buckets, so the figures are those of the kept run; the
// first answers are those after a restart. With --trace the page timings
// also take a Chromium performance trace of one load of each page and name
// what each long task spent its time on (bench/lib/traceLongTasks.mjs).
// Results go to .data/bench/frontend-<time>.json or api-<time>.json.
//
// Steps: backfill a real Prometheus (35 days of the fleet, a year of its
// 300-service division, 90 days of the flagship); write the catalog; start
// the portal's backend on it with the SLO plugin on SQLite, then on
// PostgreSQL; trigger a full backfill cycle and an incremental one on each;
// load the API with autocannon at 1, 10 and 50 clients beside the Prometheus
// baseline; time the SLO tab, the scorecard and the reliability review in
// headless Chromium. Backend RSS is sampled throughout.
import { cpus, freemem, loadavg, totalmem } from 'node:os';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fixture, sloCommon } from './lib/fixtureModule.mjs';
import { fleetSpecs, flagshipSpec, scaleTsdb } from './lib/scaleFixture.mjs';
import {
  divisionOf,
  flagshipSlos,
  scaleCatalog,
  threeSlos,
  writeScaleCatalog,
} from './lib/scaleCatalog.mjs';
import {
  backendNodeOptions,
  guestToken,
  portalConfig,
  repoRoot,
  runCollectionCycle,
  startBenchPortal,
  waitForCatalog,
} from './lib/benchPortal.mjs';
import { postgresDatabase, sqliteDatabase } from './lib/databases.mjs';
import { prometheusQueryCount } from './lib/prometheusQueries.mjs';
import { prometheusBaselines } from './lib/prometheusBaseline.mjs';
import { loadTest, waitForIdle, warmUp } from './lib/apiLoad.mjs';
import { buildApp, measureFrontend } from './lib/frontendTimings.mjs';
import { traceFrontend } from './lib/traceLongTasks.mjs';
import { launchBrowser, signedInPage } from '../e2e/browser.mjs';
import { printReport } from './lib/printReport.mjs';
import { compositeScenario } from './lib/compositeScenario.mjs';

const DAY = 86400;
/** Days of data of the fleet, and of the division whose reliability review is measured. */
const FLEET_DAYS = 35;
const REVIEW_HISTORY_DAYS = 365;

/** The reliability review the bench measures: one group, the last four quarters (the page's default). */
function reviewPath(groupRef) {
  return `/api/slo/review?${new URLSearchParams({
    group: groupRef,
    period: 'quarter',
    count: '4',
  })}`;
}

function parseArgs(argv) {
  const options = {
    quick: false,
    services: undefined,
    postgres: true,
    sqlite: true,
    days: undefined,
    frontend: true,
    fresh: false,
    keep: false,
    reuseBuild: false,
    trace: false,
    frontendOnly: undefined,
    apiOnly: undefined,
    endpoints: undefined,
    port: 7341,
    composite: true,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--quick') options.quick = true;
    else if (arg === '--skip-postgres') options.postgres = false;
    else if (arg === '--skip-sqlite') options.sqlite = false;
    else if (arg === '--skip-frontend') options.frontend = false;
    else if (arg === '--skip-composite') options.composite = false;
    else if (arg === '--fresh') options.fresh = true;
    else if (arg === '--keep') options.keep = true;
    else if (arg === '--reuse-build') options.reuseBuild = true;
    else if (arg === '--trace') options.trace = true;
    else if (arg === '--frontend-only' || arg === '--api-only') {
      if (!argv[i + 1])
        throw new Error(`${arg} needs the work directory of a --keep run`);
      options[arg === '--api-only' ? 'apiOnly' : 'frontendOnly'] = path.resolve(
        argv[++i],
      );
    } else if (arg === '--endpoints') {
      if (!argv[i + 1])
        throw new Error(
          '--endpoints needs a comma-separated list: entity, flagship, series, flagshipSeries, team, org, review',
        );
      options.endpoints = argv[++i].split(',');
    } else if (
      arg === '--services' ||
      arg === '--port' ||
      arg === '--days'
    ) {
      const value = Number(argv[++i]);
      if (!Number.isInteger(value) || value <= 0)
        throw new Error(
          `${arg} needs a positive whole number, got '${argv[i]}'`,
        );
      options[arg.slice(2)] = value;
    } else if (arg === '--help' || arg === '-h') {
      process.stdout.write(
        'Usage: yarn bench [--quick] [--services N] [--days N] [--skip-sqlite] [--skip-postgres] [--skip-frontend] [--skip-composite] [--reuse-build] [--fresh] [--keep] [--port N]\n' +
          '       yarn bench --frontend-only DIR [--reuse-build] [--trace] [--port N]   (DIR: the work directory of a --keep run)\n' +
          '       yarn bench --api-only DIR [--endpoints review,team] [--quick] [--port N]\n',
      );
      process.exit(0);
    } else {
      throw new Error(`Unknown argument '${arg}'; try --help`);
    }
  }
  options.services ??= options.quick ? 60 : 1000;
  if (!options.sqlite && !options.postgres)
    throw new Error('--skip-sqlite and --skip-postgres leave no database to measure');
  return options;
}

const startedAt = performance.now();
const log = message => {
  const seconds = ((performance.now() - startedAt) / 1000)
    .toFixed(0)
    .padStart(4);
  process.stdout.write(`[${seconds} s] ${message}\n`);
};

function machine() {
  const cpu = cpus();
  return {
    cpus: cpu.length,
    cpuModel: cpu[0]?.model ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    backendNodeOptions: backendNodeOptions().join(' '),
    backendNodeEnv: process.env.BENCH_NODE_ENV ?? 'production',
  };
}

/** Load averages seen during the run, to say how shared the machine was. */
const loads = [];
function noteLoad(phase) {
  loads.push({
    phase,
    load1: loadavg()[0],
    freeMiB: Math.round(freemem() / 2 ** 20),
  });
}

/** The results of a run as it starts: when, with what options, on what machine. */
function startResults(options) {
  noteLoad('start');
  return {
    startedAt: new Date().toISOString(),
    options,
    machine: machine(),
    loads,
  };
}

/** Builds the app for the page timings; with --reuse-build, only when no build is there. Seconds, or undefined. */
async function buildAppUnlessReused(options) {
  if (
    options.reuseBuild &&
    existsSync(path.join(repoRoot, 'bench/dist/index.html'))
  )
    return undefined;
  return buildApp({ log });
}

function definitionsOf(name, slos) {
  const parsed = sloCommon().parseEntitySlos(
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name,
        annotations: { 'slo-kit.dev/slos': JSON.stringify(slos) },
      },
      spec: {},
    },
    {},
  );
  if (parsed.problems.length > 0)
    throw new Error(
      `the bench's own SLOs of ${name} are invalid: ${JSON.stringify(
        parsed.problems,
      )}`,
    );
  return parsed.slos;
}

/** What the plugin logged after the cycle: how long computing every scorecard figure ahead took. */
function warmUpOf(portal) {
  const lines = portal.collectionLogLines().filter(line => line.includes('SLO scorecard figures'));
  const match = /figures of (\d+) SLOs computed in (\d+) ms/.exec(lines.at(-1) ?? '');
  return match ? { slos: Number(match[1]), seconds: Number(match[2]) / 1000 } : undefined;
}

async function cycleResult({ run, queries, database, label, portal }) {
  const result = {
    warmUp: warmUpOf(portal),
    seconds: run.durationMs / 1000,
    slos: run.sloCount,
    failed: run.failedCount,
    rowsWritten: run.bucketsWritten,
    queries,
    bytes: await database.size(),
    bucketRows: await database.bucketRows(),
  };
  log(
    `${database.name}: ${label} ${result.seconds.toFixed(1)} s, ${
      result.slos
    } SLOs (${result.failed} failed), ` +
      `${result.queries} Prometheus queries, ${
        result.rowsWritten
      } rows written, ${(result.bytes / 2 ** 20).toFixed(0)} MiB`,
  );
  return result;
}

async function apiLoad({ portal, token, fleet, catalog, quick, only }) {
  const levels = quick
    ? [
        { connections: 1, amount: 20, maxSeconds: 3 },
        { connections: 10, amount: 100, maxSeconds: 3 },
        { connections: 50, amount: 200, maxSeconds: 3 },
      ]
    : [
        { connections: 1, amount: 200, maxSeconds: 8 },
        { connections: 10, amount: 1000, maxSeconds: 8 },
        { connections: 50, amount: 2000, maxSeconds: 8 },
      ];
  const now = fleet.end;
  const sample = fleet.names.slice(0, Math.min(100, fleet.names.length));
  const endpoints = [
    {
      key: 'entity',
      label: 'entity SLO list (3 SLOs)',
      paths: sample.map(
        name => `/api/slo/entities/component/default/${name}/slos`,
      ),
    },
    {
      key: 'flagship',
      label: 'entity SLO list (flagship, 10 SLOs)',
      paths: ['/api/slo/entities/component/default/flagship/slos'],
    },
    {
      key: 'series',
      label: 'one SLO, 30-day series',
      paths: sample.map(
        name =>
          `/api/slo/slos/series?${new URLSearchParams({
            entityRef: `component:default/${name}`,
            name: 'availability',
            from: String(now - 30 * DAY),
            to: String(now),
          })}`,
      ),
    },
    {
      key: 'flagshipSeries',
      label: 'one SLO, 30-day series (flagship, 60 s samples)',
      paths: [
        `/api/slo/slos/series?${new URLSearchParams({
          entityRef: 'component:default/flagship',
          name: 'availability',
          from: String(now - 30 * DAY),
          to: String(now),
        })}`,
      ],
    },
    {
      key: 'team',
      label: `team scorecard (${catalog.largeTeam.services} services)`,
      paths: [
        `/api/slo/scorecard?${new URLSearchParams({
          group: catalog.largeTeam.ref,
        })}`,
      ],
    },
    {
      key: 'org',
      label: `org scorecard (${fleet.names.length + 1} services)`,
      paths: ['/api/slo/scorecard'],
    },
    {
      key: 'review',
      label: `review, ${catalog.division.services}-service group, 4 quarters`,
      paths: [reviewPath(catalog.division.ref)],
    },
  ];
  const unknown = (only ?? []).filter(
    key => !endpoints.some(e => e.key === key),
  );
  if (unknown.length > 0)
    throw new Error(
      `unknown endpoints ${unknown.join(', ')}; the bench has ${endpoints
        .map(e => e.key)
        .join(', ')}`,
    );
  const results = {};
  for (const endpoint of endpoints) {
    if (only && !only.includes(endpoint.key)) continue;
    portal.setPhase(`api:${endpoint.key}`);
    noteLoad(`api:${endpoint.key}`);
    await waitForIdle(portal.pid, 600);
    // Every path once, one after another: the first request after a collection
    // cycle finds nothing cached (what one user sees once per cycle), and the
    // load levels then measure warm answers.
    let cold;
    try {
      cold = await warmUp({
        baseUrl: portal.baseUrl,
        token,
        paths: endpoint.paths,
      });
    } catch (error) {
      log(`API ${endpoint.label}: ${error.message}`);
      results[endpoint.key] = {
        label: endpoint.label,
        error: error.message,
        levels: [],
      };
      continue;
    }
    const sorted = [...cold].sort((a, b) => a - b);
    const coldP50 = sorted[Math.floor((sorted.length - 1) / 2)];
    log(
      `API ${
        endpoint.label
      }: first answers (nothing cached) p50 ${coldP50.toFixed(0)} ms, ` +
        `max ${sorted[sorted.length - 1].toFixed(0)} ms over ${
          cold.length
        } paths`,
    );
    results[endpoint.key] = {
      label: endpoint.label,
      coldP50Ms: coldP50,
      coldMaxMs: sorted[sorted.length - 1],
      levels: [],
    };
    for (const level of levels) {
      const previous = results[endpoint.key].levels.at(-1);
      if (previous && previous.requests < 5) {
        // More clients only queue more work behind requests that already take seconds.
        results[endpoint.key].levels.push({
          connections: level.connections,
          requests: 0,
          seconds: 0,
          skipped: true,
        });
        log(
          `  ${level.connections} clients: skipped, ${previous.connections} finished only ${previous.requests} requests`,
        );
        continue;
      }
      await waitForIdle(portal.pid, 600);
      const result = await loadTest({
        baseUrl: portal.baseUrl,
        token,
        paths: endpoint.paths,
        ...level,
      });
      results[endpoint.key].levels.push(result);
      log(
        `  ${level.connections} clients: p50 ${result.p50} ms, p99 ${
          result.p99
        } ms, ${result.throughput.toFixed(1)}/s, ` +
          `${result.requests} requests${
            result.stoppedByTime ? ' (time bound)' : ''
          }, ${result.errors} errors, ${result.non2xx} non-2xx`,
      );
    }
  }
  return results;
}

/**
 * The review's first answer after a collection cycle, as far as a run
 * without Prometheus can tell: every SLO's data version is raised in the
 * kept database, as a cycle that wrote each SLO's trailing buckets again
 * does (the bench's incremental cycle at its fixed clock), so no figure
 * cached in memory is current; the finished periods' buckets are
 * unchanged. The backend computes nothing ahead here (no cycle ran), so
 * this is also about what computing ahead after a cycle costs.
 */
async function reviewAfterWrite({ portal, sqliteDir, path: reviewUrl }) {
  const { default: Database } = await import('better-sqlite3');
  const db = new Database(path.join(sqliteDir, 'slo.sqlite'));
  const times = [];
  try {
    for (let round = 0; round < 3; round++) {
      db.prepare(
        'UPDATE slo_collection_state SET data_version = data_version + 1',
      ).run();
      // A fresh token each round: the first answers are what a person waits for.
      const [ms] = await warmUp({
        baseUrl: portal.baseUrl,
        token: await guestToken(portal.baseUrl),
        paths: [reviewUrl],
      });
      times.push(ms);
      log(`API review after a write of every SLO: first answer ${ms.toFixed(0)} ms`);
    }
  } finally {
    db.close();
  }
  return { firstAnswersMs: times };
}

/**
 * --frontend-only / --api-only: the page timings or the API load alone, on
 * the SQLite databases and the catalog a --keep run left in its work
 * directory, served by a backend on `port` that runs no collection cycle (so
 * the first answers are those after a restart, nothing computed ahead).
 */
async function keptRun(options, benchDir) {
  const workDir = options.frontendOnly ?? options.apiOnly;
  const keptConfigFile = path.join(workDir, 'app-config.SQLite.json');
  if (!existsSync(keptConfigFile))
    throw new Error(
      `${workDir} has no app-config.SQLite.json: pass the work directory of a run made with --keep`,
    );
  const kept = JSON.parse(await readFile(keptConfigFile, 'utf8'));
  const catalogFile = path.join(workDir, 'catalog.yaml');
  const components = (await readFile(catalogFile, 'utf8')).match(
    /^kind: Component$/gm,
  ).length;
  // The catalog as the kept run wrote it: the same names and layout, the flagship last.
  const serviceNames = Array.from(
    { length: components - 1 },
    (_, i) => `svc-${String(i).padStart(4, '0')}`,
  );
  const { text, ...catalog } = scaleCatalog({
    serviceNames,
    flagship: 'flagship',
  });
  if (text !== (await readFile(catalogFile, 'utf8')))
    throw new Error(
      `${catalogFile} is not the catalog this bench writes for ${serviceNames.length} services: rerun with --keep`,
    );
  const results = startResults(options);
  if (options.frontendOnly)
    results.appBuildSeconds = await buildAppUnlessReused(options);
  const configFile = path.join(workDir, 'app-config.kept.json');
  await writeFile(
    configFile,
    JSON.stringify(
      portalConfig({
        port: options.port,
        sqliteDir: path.join(workDir, 'sqlite'),
        catalogFile,
        // Never asked: no collection cycle runs, and the API reads stored buckets.
        prometheusUrl: 'http://127.0.0.1:9',
        now: kept.slo.now,
        appPackageName: options.frontendOnly ? '@internal/bench' : undefined,
      }),
      null,
      2,
    ),
  );
  const portal = await startBenchPortal({
    configFile,
    port: options.port,
    workDir,
  });
  try {
    log(
      `backend ready in ${portal.startupSeconds.toFixed(
        1,
      )} s on the databases of ${workDir}`,
    );
    if (options.apiOnly) {
      results.api = {
        SQLite: await apiLoad({
          portal,
          token: await guestToken(portal.baseUrl),
          fleet: { end: Date.parse(kept.slo.now) / 1000, names: serviceNames },
          catalog,
          quick: options.quick,
          only: options.endpoints,
        }),
      };
      if (!options.endpoints || options.endpoints.includes('review')) {
        results.api.SQLite.review.afterWrite = await reviewAfterWrite({
          portal,
          sqliteDir: path.join(workDir, 'sqlite'),
          path: reviewPath(catalog.division.ref),
        });
      }
    } else {
      // After a cycle the backend has computed the scorecard's and the
      // review's figures ahead (warmScorecard, warmReview); this backend ran
      // none, so compute them once before timing the pages, or the pages time
      // a restart's first answers (a minute and more for the review).
      const warmToken = await guestToken(portal.baseUrl);
      const [scorecardMs, reviewMs] = await warmUp({
        baseUrl: portal.baseUrl,
        token: warmToken,
        paths: ['/api/slo/scorecard', reviewPath(catalog.division.ref)],
        timeoutSeconds: 600,
      });
      log(
        `figures computed before the pages: scorecard ${scorecardMs.toFixed(
          0,
        )} ms, review ${reviewMs.toFixed(0)} ms`,
      );
      noteLoad('frontend');
      results.frontend = await measureFrontend({
        baseUrl: portal.baseUrl,
        flagshipRef: catalog.flagship.ref,
        divisionRef: catalog.division.ref,
        divisionServices: catalog.division.services,
        log,
      });
      if (options.trace) {
        // What the long tasks are: a performance trace of one load of each page.
        const browser = await launchBrowser();
        try {
          const page = await signedInPage(browser, { baseUrl: portal.baseUrl });
          results.frontend.trace = await traceFrontend({
            browser,
            page,
            baseUrl: portal.baseUrl,
            flagshipRef: catalog.flagship.ref,
            divisionRef: catalog.division.ref,
            log,
          });
        } finally {
          await browser.close();
        }
      }
    }
  } finally {
    await portal.stop();
  }
  results.rss = {
    SQLite: {
      peak: portal.rss.peak,
      byPhase: portal.rss.byPhase,
      heapUsedByPhase: portal.rss.heapUsedByPhase,
      heapLiveByPhase: portal.rss.heapLiveByPhase,
    },
  };
  results.totalSeconds = (performance.now() - startedAt) / 1000;
  const resultsFile = path.join(
    benchDir,
    `${options.apiOnly ? 'api' : 'frontend'}-${results.startedAt.replace(
      /[:.]/g,
      '-',
    )}.json`,
  );
  await mkdir(benchDir, { recursive: true });
  await writeFile(resultsFile, JSON.stringify(results, null, 2));
  printReport(results);
  log(`results in ${resultsFile}`);
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const benchDir = path.join(repoRoot, '.data/bench');
  if (options.frontendOnly || options.apiOnly) {
    await keptRun(options, benchDir);
    return;
  }
  const workDir = path.join(benchDir, `run-${Date.now()}`);
  await mkdir(workDir, { recursive: true });
  const results = startResults(options);
  log(
    `bench: ${
      options.services
    } services, work directory ${workDir}; load ${loadavg()[0].toFixed(1)} on ${
      results.machine.cpus
    } CPUs`,
  );

  // The frontend is measured as users get it: a production build, served by the backend.
  if (options.frontend) {
    noteLoad('app build');
    results.appBuildSeconds = await buildAppUnlessReused(options);
  }

  // 1. Scale fixture.
  const end = fixture().DEMO_END;
  const fleetSpecList = fleetSpecs({
    count: options.services,
    end,
    // --days N: every service N days, no year-long division (scale runs).
    days: options.days ?? FLEET_DAYS,
    sampleSeconds: 300,
    longHistory: options.days
      ? { services: 0, days: options.days }
      : {
          services: divisionOf(options.services).services,
          days: REVIEW_HISTORY_DAYS,
        },
  });
  const specs = [...fleetSpecList, flagshipSpec({ end, sampleSeconds: 60 })];
  noteLoad('fixture');
  const tsdb = await scaleTsdb({
    specs,
    cacheDir: path.join(benchDir, 'cache'),
    fresh: options.fresh,
    log,
  });
  results.fixture = tsdb;
  const prometheus = await fixture().startPrometheus({ dataDir: tsdb.dataDir });
  log(`Prometheus on ${prometheus.url}`);
  const fleet = {
    end,
    names: fleetSpecList.map(spec => spec.services[0].name),
  };
  const catalogFile = path.join(workDir, 'catalog.yaml');
  const catalog = await writeScaleCatalog({
    file: catalogFile,
    serviceNames: fleet.names,
    flagship: 'flagship',
  });
  results.catalog = catalog;

  const sqliteDir = path.join(workDir, 'sqlite');
  const databases = [
    ...(options.sqlite ? [sqliteDatabase(sqliteDir)] : []),
    ...(options.postgres ? [postgresDatabase()] : []),
  ];
  const writeConfig = async (name, settings) => {
    const file = path.join(workDir, `app-config.${name}.json`);
    const config = portalConfig({
      port: options.port,
      sqliteDir,
      catalogFile,
      prometheusUrl: prometheus.url,
      now: new Date(end * 1000).toISOString(),
      appPackageName: options.frontend ? '@internal/bench' : undefined,
      backfillDays: REVIEW_HISTORY_DAYS,
      ...settings,
    });
    await writeFile(file, JSON.stringify(config, null, 2));
    return file;
  };
  const verbose = text =>
    process.env.BENCH_VERBOSE ? process.stdout.write(text) : undefined;
  results.collection = {};
  let portal;
  try {
    // The catalog first, in a start of its own: the first collection cycle
    // must see the whole catalog, and the catalog's database outlives the start.
    noteLoad('catalog');
    portal = await startBenchPortal({
      configFile: await writeConfig('catalog', {}),
      port: options.port,
      workDir,
      log: verbose,
    });
    log(
      `catalog start: backend ready in ${portal.startupSeconds.toFixed(
        1,
      )} s (pid ${portal.pid})`,
    );
    const catalogStarted = performance.now();
    await waitForCatalog({
      baseUrl: portal.baseUrl,
      token: await guestToken(portal.baseUrl),
      count: catalog.entityRefs.length,
      log,
    });
    results.catalogSeconds = (performance.now() - catalogStarted) / 1000;
    log(
      `the catalog has every component after ${results.catalogSeconds.toFixed(
        1,
      )} s`,
    );
    await portal.stop();
    await rm(path.join(sqliteDir, 'slo.sqlite'), { force: true });
    results.rss = {
      catalog: {
        peak: portal.rss.peak,
        byPhase: portal.rss.byPhase,
        heapUsedByPhase: portal.rss.heapUsedByPhase,
        heapLiveByPhase: portal.rss.heapLiveByPhase,
      },
    };
    portal = undefined;

    for (const database of databases) {
      await database.reset();
      noteLoad(`start:${database.name}`);
      const queriesBefore = await prometheusQueryCount(prometheus.url);
      portal = await startBenchPortal({
        configFile: await writeConfig(database.name, {
          sloDatabase: database.backendConfig,
          collectAtStart: true,
        }),
        port: options.port,
        workDir,
        log: verbose,
      });
      portal.setPhase('backfill');
      log(
        `${database.name}: backend ready in ${portal.startupSeconds.toFixed(
          1,
        )} s (pid ${portal.pid}); backfill cycle...`,
      );
      const token = await guestToken(portal.baseUrl);
      const backfill = await cycleResult({
        run: await runCollectionCycle({
          baseUrl: portal.baseUrl,
          token,
          trigger: false,
        }),
        queries: (await prometheusQueryCount(prometheus.url)) - queriesBefore,
        database,
        label: 'backfill',
        portal,
      });
      noteLoad(`incremental:${database.name}`);
      portal.setPhase('incremental');
      const before = await prometheusQueryCount(prometheus.url);
      const incremental = await cycleResult({
        run: await runCollectionCycle({ baseUrl: portal.baseUrl, token }),
        queries: (await prometheusQueryCount(prometheus.url)) - before,
        database,
        label: 'incremental',
        portal,
      });
      results.collection[database.name] = {
        startupSeconds: portal.startupSeconds,
        backfill,
        incremental,
        logLines: portal.collectionLogLines(),
        ...(database.version ? { version: await database.version() } : {}),
      };

      results.api ??= {};
      results.api[database.name] = await apiLoad({
        portal,
        // A fresh one: the guest's token lasts an hour, and on a busy
        // machine the cycles above can take longer.
        token: await guestToken(portal.baseUrl),
        fleet,
        catalog,
        quick: options.quick,
      });

      if (database === databases[0]) {
        noteLoad('baseline');
        portal.setPhase('baseline');
        log('Prometheus baseline...');
        const fleetSample = fleet.names[Math.min(42, fleet.names.length - 1)];
        const fleetSlis = definitionsOf(
          fleetSample,
          threeSlos(fleetSample),
        ).map(d => d.sli);
        results.baseline = await prometheusBaselines({
          prometheusUrl: prometheus.url,
          at: end,
          entity: {
            slis: fleetSlis,
            flagshipSlis: definitionsOf(
              'flagship',
              flagshipSlos('flagship'),
            ).map(d => d.sli),
          },
          series: { sli: fleetSlis[0] },
          flagshipSeries: {
            sli: definitionsOf('flagship', flagshipSlos('flagship'))[0].sli,
          },
          team: { services: fleet.names.slice(0, catalog.largeTeam.services) },
          org: { services: [...fleet.names, 'flagship'] },
          repeat: options.quick ? 3 : 5,
        });
        log(
          `baseline (ms): ${JSON.stringify(
            Object.fromEntries(
              Object.entries(results.baseline).map(([k, v]) => [
                k,
                Math.round(v),
              ]),
            ),
          )}`,
        );
        if (options.frontend) {
          noteLoad('frontend');
          portal.setPhase('frontend');
          results.frontend = await measureFrontend({
            baseUrl: portal.baseUrl,
            flagshipRef: catalog.flagship.ref,
            divisionRef: catalog.division.ref,
            divisionServices: catalog.division.services,
            log,
          });
        }
      }
      await portal.stop();
      results.rss[database.name] = {
        peak: portal.rss.peak,
        byPhase: portal.rss.byPhase,
        heapUsedByPhase: portal.rss.heapUsedByPhase,
        heapLiveByPhase: portal.rss.heapLiveByPhase,
      };
      portal = undefined;
    }
    if (options.composite) {
      // Issue 14: the scorecards without and with a 300-component System composite (bench/lib/compositeScenario.mjs).
      results.composite = await compositeScenario({
        startPortal: async () =>
          (portal = await startBenchPortal({
            configFile: await writeConfig('composite', { collectAtStart: true }),
            port: options.port,
            workDir,
            log: verbose,
          })),
        catalogFile,
        serviceNames: fleet.names,
        quick: options.quick,
        log,
        noteLoad,
      });
      portal = undefined;
    }
  } finally {
    await portal?.stop();
    await prometheus.stop();
  }
  results.totalSeconds = (performance.now() - startedAt) / 1000;
  const resultsFile = path.join(
    benchDir,
    `results-${results.startedAt.replace(/[:.]/g, '-')}.json`,
  );
  await writeFile(resultsFile, JSON.stringify(results, null, 2));
  await writeFile(
    path.join(benchDir, 'results-latest.json'),
    JSON.stringify(results, null, 2),
  );
  printReport(results);
  log(`results in ${resultsFile}`);
  if (!options.keep) await rm(workDir, { recursive: true, force: true });
}

main().catch(error => {
  process.stderr.write(`bench failed: ${error.stack ?? error}\n`);
  process.exitCode = 1;
});

#!/usr/bin/env node
// Performance at portal scale, in one run (docs/performance.md):
//
//   yarn bench            1,000 services × 3 SLOs + a 10-SLO flagship, SQLite and PostgreSQL
//   yarn bench --quick    60 services, short loads: proves the bench works in a few minutes
//
// Options: --services N, --skip-postgres, --skip-frontend, --fresh (rebuild
// the cached TSDB), --reuse-build (serve the last production build of the app
// again), --keep (keep the work directory), --port N (backend port,
// default 7341). Results go to .data/bench/results-<time>.json as well.
//
//   yarn bench --frontend-only DIR [--reuse-build] [--trace] [--port N]
//
// times only the two pages in headless Chromium, against the databases and
// catalog a `--keep` run left in DIR (its SQLite files): no Prometheus, no
// collection, no API load, so a change to the app is measured in about two
// minutes. The SLO API reads only stored buckets, so the figures are those of
// the kept run. With --trace it also takes a Chromium performance trace of
// one load of each page and names what each long task spent its time on
// (bench/lib/traceLongTasks.mjs). Results go to .data/bench/frontend-<time>.json.
//
// Steps: backfill a real Prometheus (35 days of the fleet, 90 of the
// flagship); write the catalog; start the portal's backend on it with the SLO
// plugin on SQLite, then on PostgreSQL; trigger a full backfill cycle and an
// incremental one on each; load the API with autocannon at 1, 10 and 50
// clients beside the Prometheus baseline; time the SLO tab and the scorecard
// in headless Chromium. Backend RSS is sampled throughout.
import { cpus, freemem, loadavg, totalmem } from 'node:os';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fixture, sloCommon } from './lib/fixtureModule.mjs';
import { fleetSpecs, flagshipSpec, scaleTsdb } from './lib/scaleFixture.mjs';
import {
  flagshipSlos,
  teamLayout,
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

const DAY = 86400;

function parseArgs(argv) {
  const options = {
    quick: false,
    services: undefined,
    postgres: true,
    frontend: true,
    fresh: false,
    keep: false,
    reuseBuild: false,
    trace: false,
    frontendOnly: undefined,
    port: 7341,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--quick') options.quick = true;
    else if (arg === '--skip-postgres') options.postgres = false;
    else if (arg === '--skip-frontend') options.frontend = false;
    else if (arg === '--fresh') options.fresh = true;
    else if (arg === '--keep') options.keep = true;
    else if (arg === '--reuse-build') options.reuseBuild = true;
    else if (arg === '--trace') options.trace = true;
    else if (arg === '--frontend-only') {
      if (!argv[i + 1])
        throw new Error('--frontend-only needs the work directory of a --keep run');
      options.frontendOnly = path.resolve(argv[++i]);
    } else if (arg === '--services' || arg === '--port') {
      const value = Number(argv[++i]);
      if (!Number.isInteger(value) || value <= 0)
        throw new Error(
          `${arg} needs a positive whole number, got '${argv[i]}'`,
        );
      options[arg.slice(2)] = value;
    } else if (arg === '--help' || arg === '-h') {
      process.stdout.write(
        'Usage: yarn bench [--quick] [--services N] [--skip-postgres] [--skip-frontend] [--reuse-build] [--fresh] [--keep] [--port N]\n' +
          '       yarn bench --frontend-only DIR [--reuse-build] [--trace] [--port N]   (DIR: the work directory of a --keep run)\n',
      );
      process.exit(0);
    } else {
      throw new Error(`Unknown argument '${arg}'; try --help`);
    }
  }
  options.services ??= options.quick ? 60 : 1000;
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

async function apiLoad({ portal, token, fleet, catalog, quick }) {
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
  ];
  const results = {};
  for (const endpoint of endpoints) {
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
 * --frontend-only: the page timings alone, on the SQLite databases and the
 * catalog a --keep run left in `workDir`, served by a backend on `port`.
 */
async function frontendOnly(options, benchDir) {
  const workDir = options.frontendOnly;
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
  const division = teamLayout(components - 1).filter(
    team => team.parent === 'division-a',
  );
  const results = startResults(options);
  results.appBuildSeconds = await buildAppUnlessReused(options);
  const configFile = path.join(workDir, 'app-config.frontend.json');
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
        appPackageName: '@internal/bench',
      }),
      null,
      2,
    ),
  );
  const portal = await startBenchPortal({ configFile, port: options.port, workDir });
  try {
    log(`backend ready in ${portal.startupSeconds.toFixed(1)} s on the databases of ${workDir}`);
    noteLoad('frontend');
    results.frontend = await measureFrontend({
      baseUrl: portal.baseUrl,
      flagshipRef: 'component:default/flagship',
      divisionRef: 'group:default/division-a',
      divisionServices: division.reduce((sum, team) => sum + team.count, 0),
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
          flagshipRef: 'component:default/flagship',
          divisionRef: 'group:default/division-a',
          log,
        });
      } finally {
        await browser.close();
      }
    }
  } finally {
    await portal.stop();
  }
  const resultsFile = path.join(
    benchDir,
    `frontend-${results.startedAt.replace(/[:.]/g, '-')}.json`,
  );
  await writeFile(resultsFile, JSON.stringify(results, null, 2));
  log(`results in ${resultsFile}`);
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const benchDir = path.join(repoRoot, '.data/bench');
  if (options.frontendOnly) {
    await frontendOnly(options, benchDir);
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
    days: 35,
    sampleSeconds: 300,
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
    sqliteDatabase(sqliteDir),
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
        token,
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

#!/usr/bin/env node
// Performance at portal scale, in one run (docs/performance.md):
//
//   yarn bench            1,000 services × 3 SLOs + a 10-SLO flagship, SQLite and PostgreSQL
//   yarn bench --quick    60 services, short loads: proves the bench works in a few minutes
//
// Options: --services N, --days N (every service N days of data, no
// year-long division: for scale runs), --catalog-from DIR (take over the
// catalog a --keep run of the same size ingested), --skip-sqlite,
// --skip-postgres, --skip-frontend, --skip-composite
// (the scorecards with and without a 300-component composite), --skip-baseline
// (no Prometheus baseline: at 10,000 services its organisation-wide queries
// take longer than the rest of the run), --fresh (rebuild
// the cached TSDB), --reuse-build (serve the last production build of the app
// again), --keep (keep the work directory), --port N (backend port,
// default 7341). Results go to .data/bench/results-<time>.json as well.
// The steps live in bench/lib: options (benchOptions), the catalog
// (catalogStep), a cycle's figures (cycleResult), the API load (apiPhase),
// the kept-run modes (keptRun), the log and loads (runRecord).
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
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import path from 'node:path';
import { fixture } from './lib/fixtureModule.mjs';
import { fleetSpecs, flagshipSpec, scaleTsdb } from './lib/scaleFixture.mjs';
import {
  definitionsOf,
  divisionOf,
  flagshipSlos,
  scaleCatalog,
  threeSlos,
  writeScaleCatalog,
} from './lib/scaleCatalog.mjs';
import {
  guestToken,
  portalConfig,
  repoRoot,
  runCollectionCycle,
  startBenchPortal,
  waitForFiguresAhead,
} from './lib/benchPortal.mjs';
import { postgresDatabase, sqliteDatabase } from './lib/databases.mjs';
import { prometheusQueryCount } from './lib/prometheusQueries.mjs';
import { prometheusBaselines } from './lib/prometheusBaseline.mjs';
import {
  buildAppUnlessReused,
  measureFrontend,
} from './lib/frontendTimings.mjs';
import { printReport } from './lib/printReport.mjs';
import { compositeScenario } from './lib/compositeScenario.mjs';
import {
  FLEET_DAYS,
  REVIEW_HISTORY_DAYS,
  parseBenchOptions,
} from './lib/benchOptions.mjs';
import {
  elapsedSeconds,
  log,
  noteLoad,
  startResults,
} from './lib/runRecord.mjs';
import { cycleResult } from './lib/cycleResult.mjs';
import { ingestCatalog, reuseCatalog } from './lib/catalogStep.mjs';
import { apiLoad } from './lib/apiPhase.mjs';
import { keptRun } from './lib/keptRun.mjs';

async function main() {
  const options = parseBenchOptions(process.argv.slice(2));
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
    results.appBuildSeconds = await buildAppUnlessReused(options, log);
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
  let catalogFile = path.join(workDir, 'catalog.yaml');
  const catalog = await writeScaleCatalog({
    file: catalogFile,
    serviceNames: fleet.names,
    flagship: 'flagship',
  });
  results.catalog = catalog;

  const sqliteDir = path.join(workDir, 'sqlite');
  await mkdir(sqliteDir, { recursive: true });
  if (options.catalogFrom) {
    catalogFile = await reuseCatalog({
      from: options.catalogFrom,
      sqliteDir,
      text: scaleCatalog({ serviceNames: fleet.names, flagship: 'flagship' })
        .text,
    });
  }
  const databases = [
    ...(options.sqlite ? [sqliteDatabase(sqliteDir)] : []),
    ...(options.postgres
      ? [
          postgresDatabase(options.port, {
            synchronousCommit: options.synchronousCommit,
          }),
        ]
      : []),
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
    if (!options.catalogFrom) {
      const ingested = await ingestCatalog({
        writeConfig,
        port: options.port,
        workDir,
        sqliteDir,
        count: catalog.entityRefs.length,
        verbose,
      });
      results.catalogSeconds = ingested.seconds;
      results.rss = {
        catalog: {
          peak: ingested.portal.rss.peak,
          byPhase: ingested.portal.rss.byPhase,
          heapUsedByPhase: ingested.portal.rss.heapUsedByPhase,
          heapLiveByPhase: ingested.portal.rss.heapLiveByPhase,
        },
      };
    }
    results.rss ??= {};

    for (const database of databases) {
      await database.reset();
      noteLoad(`start:${database.name}`);
      const queriesBefore = await prometheusQueryCount(prometheus.url);
      const commitsBefore = await database.commits?.();
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
        commitsBefore,
        database,
        label: 'backfill',
        portal,
      });
      noteLoad(`incremental:${database.name}`);
      portal.setPhase('incremental');
      const before = await prometheusQueryCount(prometheus.url);
      const commitsBeforeIncremental = await database.commits?.();
      const incremental = await cycleResult({
        run: await runCollectionCycle({ baseUrl: portal.baseUrl, token }),
        queries: (await prometheusQueryCount(prometheus.url)) - before,
        commitsBefore: commitsBeforeIncremental,
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

      const figuresStarted = performance.now();
      const ahead = await waitForFiguresAhead(portal);
      log(
        `${database.name}: ${
          ahead
            ? 'figures computed ahead after the cycle'
            : 'no review figures logged after the cycle (timed anyway)'
        }; waited ${((performance.now() - figuresStarted) / 1000).toFixed(
          1,
        )} s`,
      );
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

      if (database === databases[0] && !options.baseline)
        log('Prometheus baseline skipped (--skip-baseline)');
      if (database === databases[0] && options.baseline) {
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
      }
      if (database === databases[0]) {
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
            configFile: await writeConfig('composite', {
              collectAtStart: true,
            }),
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
  results.totalSeconds = elapsedSeconds();
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

// --frontend-only / --api-only: the page timings or the API load alone, on
// the databases a `--keep` run left in its work directory.
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { scaleCatalog } from './scaleCatalog.mjs';
import { guestToken, portalConfig, startBenchPortal } from './benchPortal.mjs';
import { warmUp } from './apiLoad.mjs';
import { apiLoad, reviewPath } from './apiPhase.mjs';
import { buildAppUnlessReused, measureFrontend } from './frontendTimings.mjs';
import { traceFrontend } from './traceLongTasks.mjs';
import { launchBrowser, signedInPage } from '../../e2e/browser.mjs';
import { printReport } from './printReport.mjs';
import { elapsedSeconds, log, noteLoad, startResults } from './runRecord.mjs';

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
      log(
        `API review after a write of every SLO: first answer ${ms.toFixed(
          0,
        )} ms`,
      );
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
export async function keptRun(options, benchDir) {
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
    results.appBuildSeconds = await buildAppUnlessReused(options, log);
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
  results.totalSeconds = elapsedSeconds();
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

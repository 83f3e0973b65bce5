// Page timings in Debian's headless Chromium (playwright-core, via the e2e
// helpers): the SLO tab of the 10-SLO flagship, and the scorecard and the
// reliability review (four quarters) of a 300-service division, all served
// by the backend from a production build of packages/app. "Interactive" is
// when the page's content is on screen, its API calls have answered and the
// main thread has had no long task for 300 ms: measured inside the page with
// performance.now() (zero at navigation start), a MutationObserver, a fetch
// counter and the Long Tasks API, beside the browser's own navigation timing.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { cp, rm } from 'node:fs/promises';
import path from 'node:path';
import { launchBrowser, signedInPage } from '../../e2e/browser.mjs';
import { repoRoot } from './benchPortal.mjs';

const QUIET_MS = 300;

/**
 * Builds packages/app for production and moves the bundle to bench/dist,
 * which the bench's backend serves (app.packageName: @internal/bench).
 */
export async function buildApp({ log }) {
  const started = performance.now();
  const child = spawn('yarn', ['workspace', 'app', 'build'], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = chunk => {
    output = (output + chunk.toString()).slice(-8000);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const [code] = await once(child, 'exit');
  if (code !== 0)
    throw new Error(`the app build failed (exit ${code}):\n${output}`);
  const target = path.join(repoRoot, 'bench/dist');
  await rm(target, { recursive: true, force: true });
  await cp(path.join(repoRoot, 'packages/app/dist'), target, {
    recursive: true,
  });
  await rm(path.join(repoRoot, 'packages/app/dist'), {
    recursive: true,
    force: true,
  });
  const seconds = (performance.now() - started) / 1000;
  log(`production build of packages/app in ${seconds.toFixed(1)} s`);
  return seconds;
}

// Runs in the page before any of its scripts.
function instrument() {
  const state = {
    inflight: 0,
    lastFetchEnd: 0,
    seen: {},
    longTasks: [],
    watched: {},
  };
  window.__bench = state;
  const original = window.fetch;
  window.fetch = async (...args) => {
    state.inflight++;
    try {
      return await original(...args);
    } finally {
      state.inflight--;
      state.lastFetchEnd = performance.now();
    }
  };
  new PerformanceObserver(list => {
    for (const entry of list.getEntries()) {
      state.longTasks.push({
        start: entry.startTime,
        end: entry.startTime + entry.duration,
      });
    }
  }).observe({ type: 'longtask', buffered: true });
  const check = () => {
    for (const [name, { selector, count }] of Object.entries(state.watched)) {
      if (
        state.seen[name] === undefined &&
        document.querySelectorAll(selector).length >= count
      ) {
        state.seen[name] = performance.now();
      }
    }
  };
  state.watch = (name, selector, count) => {
    state.watched[name] = { selector, count };
    delete state.seen[name];
    check();
  };
  new MutationObserver(check).observe(document, {
    childList: true,
    subtree: true,
    attributes: true,
  });
}

/** Waits until `name` has appeared, no API call is in flight and the main thread has been quiet; returns the timings. */
async function settle(page, name, { since = 0, timeoutMs = 60000 } = {}) {
  await page.waitForFunction(
    ({ name, quiet }) => {
      const s = window.__bench;
      if (s.seen[name] === undefined || s.inflight > 0) return false;
      const lastTask = s.longTasks.reduce((max, t) => Math.max(max, t.end), 0);
      return (
        performance.now() - Math.max(s.seen[name], s.lastFetchEnd, lastTask) >=
        quiet
      );
    },
    { name, quiet: QUIET_MS },
    { timeout: timeoutMs, polling: 50 },
  );
  return page.evaluate(
    ({ name, since }) => {
      const s = window.__bench;
      const tasks = s.longTasks.filter(t => t.end > since);
      const lastTask = tasks.reduce((max, t) => Math.max(max, t.end), 0);
      const content = s.seen[name];
      const nav = performance.getEntriesByType('navigation')[0];
      return {
        contentMs: content - since,
        interactiveMs:
          Math.max(
            content,
            s.lastFetchEnd > since ? s.lastFetchEnd : 0,
            lastTask,
          ) - since,
        longTasks: tasks.length,
        longestTaskMs: tasks.reduce(
          (max, t) => Math.max(max, t.end - t.start),
          0,
        ),
        domContentLoadedMs:
          nav && since === 0 ? nav.domContentLoadedEventEnd : undefined,
        loadMs: nav && since === 0 ? nav.loadEventEnd : undefined,
      };
    },
    { name, since },
  );
}

/** A full page load of `url`, timed from navigation start. */
async function fullLoad(page, url, watch) {
  await page.goto('about:blank');
  await page.goto(url, { waitUntil: 'commit' });
  await page.evaluate(
    ([name, selector, count]) => window.__bench.watch(name, selector, count),
    watch,
  );
  return settle(page, watch[0]);
}

/** A navigation inside the loaded app (what a user clicking a link waits for), timed from the click. */
async function inAppNavigation(page, startUrl, ready, navigate, watch) {
  await page.goto(startUrl);
  await ready();
  const since = await page.evaluate(([name, selector, count]) => {
    window.__bench.watch(name, selector, count);
    return performance.now();
  }, watch);
  await navigate();
  return settle(page, watch[0], { since });
}

function median(runs, key) {
  const values = runs.map(r => r[key]).sort((a, b) => a - b);
  return values[Math.floor((values.length - 1) / 2)];
}

function summarise(full, inApp) {
  return {
    interactiveMs: median(full, 'interactiveMs'),
    contentMs: median(full, 'contentMs'),
    inAppInteractiveMs: median(inApp, 'interactiveMs'),
    firstLoadMs: full[0].interactiveMs,
    longestTaskMs: Math.max(
      ...full.map(r => r.longestTaskMs),
      ...inApp.map(r => r.longestTaskMs),
    ),
    // Apart: a full load's tasks include the app's boot, an in-app navigation's only the page's own.
    longestTaskFullMs: Math.max(...full.map(r => r.longestTaskMs)),
    longestTaskInAppMs: Math.max(...inApp.map(r => r.longestTaskMs)),
    runs: { full, inApp },
  };
}

/**
 * Times one page: `runs` full loads of `url` and `runs` in-app navigations
 * (`startUrl`, wait for `ready`, then `navigate`), each until `watch` has
 * appeared and the page has settled.
 */
async function measurePage(page, { url, watch, startUrl, ready, navigate, runs }) {
  const full = [];
  const inApp = [];
  try {
    for (let i = 0; i < runs; i++) {
      full.push(await fullLoad(page, url, watch));
      inApp.push(await inAppNavigation(page, startUrl, ready, navigate, watch));
    }
  } catch (error) {
    // One page that never settles (a timeout) is a result, not the end of the run.
    return { error: error.message.split('\n')[0], runs: { full, inApp } };
  }
  return summarise(full, inApp);
}

/** A navigation inside the app, as its router makes one. */
function pushState(page, target) {
  return () =>
    page.evaluate(path => {
      window.history.pushState({}, '', path);
      window.dispatchEvent(new PopStateEvent('popstate'));
    }, target);
}

function details(timings, from) {
  if (timings.error) return `failed: ${timings.error}`;
  return `full load ${Math.round(timings.interactiveMs)} ms (first ${Math.round(
    timings.firstLoadMs,
  )}), from ${from} ${Math.round(
    timings.inAppInteractiveMs,
  )} ms, longest task ${Math.round(timings.longestTaskMs)} ms`;
}

/**
 * The pages the bench times (and traces): where each is and what on it
 * means its first figures are on screen (`count` matches of `selector`).
 */
export function benchPages({ baseUrl, flagshipRef, divisionRef }) {
  const [, namespaceAndName] = flagshipRef.split(':');
  const [namespace, name] = namespaceAndName.split('/');
  const entityPath = `/catalog/${namespace}/component/${name}`;
  const scorecardPath = `/slo?${new URLSearchParams({ group: divisionRef })}`;
  // The review's first figure: the most-missed ranking's first row.
  const reviewPath = `/slo-review?${new URLSearchParams({ group: divisionRef })}`;
  return {
    tab: {
      url: `${baseUrl}${entityPath}/slo`,
      entityUrl: `${baseUrl}${entityPath}`,
      selector: '[data-testid="slo-tab"] [data-testid="slo-card"]',
      count: 10,
    },
    scorecard: {
      url: `${baseUrl}${scorecardPath}`,
      path: scorecardPath,
      selector: '[data-testid="scorecard-slo-row"]',
      count: 1,
    },
    review: {
      url: `${baseUrl}${reviewPath}`,
      path: reviewPath,
      selector: '[data-testid="review-ranking"] tbody tr',
      count: 1,
    },
  };
}

/**
 * Times the three pages, three full loads and three in-app navigations each
 * (medians reported; the first full load, with a cold browser cache, too):
 * the flagship's SLO tab, the division's scorecard and its reliability
 * review over four quarters.
 */
export async function measureFrontend({
  baseUrl,
  flagshipRef,
  divisionRef,
  divisionServices,
  log,
  runs = 3,
}) {
  const browser = await launchBrowser();
  try {
    const page = await signedInPage(browser, { baseUrl });
    await page.context().addInitScript(instrument);
    const pages = benchPages({ baseUrl, flagshipRef, divisionRef });
    const catalogReady = () =>
      page
        .getByRole('link', { name: 'SLOs by team' })
        .first()
        .waitFor({ timeout: 60000 });

    const sloLink = () => page.getByRole('link', { name: 'SLOs', exact: true });
    const tab = {
      slos: 10,
      ...(await measurePage(page, {
        url: pages.tab.url,
        watch: ['tab', pages.tab.selector, pages.tab.count],
        startUrl: pages.tab.entityUrl,
        ready: () => sloLink().waitFor({ timeout: 60000 }),
        navigate: () => sloLink().click(),
        runs,
      })),
    };
    tab.details = details(tab, 'the Overview tab');
    log(`frontend: SLO tab ${tab.details}`);

    const scorecard = {
      services: divisionServices,
      ...(await measurePage(page, {
        url: pages.scorecard.url,
        watch: ['scorecard', pages.scorecard.selector, pages.scorecard.count],
        startUrl: `${baseUrl}/catalog`,
        ready: catalogReady,
        navigate: pushState(page, pages.scorecard.path),
        runs,
      })),
    };
    scorecard.details = details(scorecard, 'the catalog');
    log(`frontend: scorecard ${scorecard.details}`);

    const review = {
      services: divisionServices,
      periods: '4 quarters',
      ...(await measurePage(page, {
        url: pages.review.url,
        watch: ['review', pages.review.selector, pages.review.count],
        startUrl: `${baseUrl}/catalog`,
        ready: catalogReady,
        navigate: pushState(page, pages.review.path),
        runs,
      })),
    };
    review.details = details(review, 'the catalog');
    log(`frontend: review ${review.details}`);
    return { tab, scorecard, review };
  } finally {
    await browser.close();
  }
}

/** Builds the app for the page timings; with --reuse-build, only when no build is there. Seconds, or undefined. */
export async function buildAppUnlessReused(options, log) {
  if (
    options.reuseBuild &&
    existsSync(path.join(repoRoot, 'bench/dist/index.html'))
  )
    return undefined;
  return buildApp({ log });
}

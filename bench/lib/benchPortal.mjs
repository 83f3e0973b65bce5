// The portal's backend (packages/backend) started as one child process on
// 127.0.0.1 with the bench's config layered on app-config.yaml, so its RSS can
// be sampled and its collector triggered.
//
// It runs as close to a production portal as this repository allows, not as
// `yarn start` runs it: NODE_ENV=production and no --enable-source-maps. With
// that flag Node reads and keeps the source map of every module that names
// one, and all of Backstage's packages ship them: measured right after start
// with the bench's catalog and no SLO work (live heap after a full GC), the
// backend kept 148 MiB with it and 122 MiB without, and V8 grows its heap
// in proportion to what is live. NODE_ENV=development changed nothing
// measurable (122 MiB either way) but is not what a portal runs; outside
// development Backstage allows the bench's guest sign-in only when the
// config says so, which portalConfig does.
//
// What stays from development is the Backstage CLI's TypeScript transform
// (swc): our workspace packages point `main` at src/index.ts and are compiled
// only when packed for publishing. Its own cost, measured on the same backend
// without the SLO plugins: 114 MiB live without the transform, 117 MiB with
// it, about 25 MiB of RSS for the swc binary; the SLO plugins themselves add
// about 5 MiB of live heap at start.
//
// The heap is capped at 512 MiB (--max-old-space-size), as a portal in a
// container with a 1 GiB memory limit runs. Uncapped, Node sizes the heap
// limit from the machine's memory (about 4 GiB on a 24 GiB host) and V8
// lets the heap grow lazily towards it: with 128-150 MiB live through every
// phase, RSS reached 819 MiB; capped, the same phases stayed at 373-457 MiB
// (docs/performance.md).
//
// BENCH_NODE_OPTIONS replaces these Node flags: empty for Node's own heap
// sizing, `--enable-source-maps` for stack traces into TypeScript;
// BENCH_NODE_ENV sets NODE_ENV.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { connect } from 'node:net';
import { createWriteStream } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
export const repoRoot = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../..',
);

/** Node flags of the bench's backend (see the header). */
export function backendNodeOptions() {
  return (process.env.BENCH_NODE_OPTIONS ?? '--max-old-space-size=512')
    .split(' ')
    .filter(Boolean);
}

/** The bench's config: its own port and databases, the scale catalog, the bench Prometheus, a fixed clock, how far back to backfill. */
export function portalConfig({
  port,
  sqliteDir,
  sloDatabase,
  catalogFile,
  prometheusUrl,
  now,
  appPackageName,
  collectAtStart,
  backfillDays,
}) {
  const baseUrl = `http://127.0.0.1:${port}`;
  const config = {
    app: {
      baseUrl,
      ...(appPackageName ? { packageName: appPackageName } : {}),
    },
    backend: {
      baseUrl,
      listen: { host: '127.0.0.1', port },
      cors: { origin: baseUrl },
      database: {
        client: 'better-sqlite3',
        connection: { directory: sqliteDir },
        ...(sloDatabase ? { plugin: { slo: sloDatabase } } : {}),
      },
    },
    // The bench signs in as a guest; outside development Backstage allows it only when told.
    auth: {
      providers: { guest: { dangerouslyAllowOutsideDevelopment: true } },
    },
    catalog: {
      rules: [{ allow: ['Component', 'System', 'Group', 'User', 'Location'] }],
      locations: [{ type: 'file', target: catalogFile }],
    },
    slo: {
      defaultSource: 'prometheus',
      now,
      sources: { prometheus: { prometheus: { baseUrl: prometheusUrl } } },
      // The first cycle runs a second after start (the catalog is already
      // ingested by then) or never; later cycles run when the bench triggers
      // them, never on their own during a measurement.
      collector: {
        frequency: { hours: 24 },
        initialDelay: collectAtStart ? { seconds: 1 } : { hours: 24 },
        // A backfill of 30,000 SLOs takes longer than the default allows.
        timeout: { minutes: 120 },
        // As far back as the fixture's data goes (the review's division has a year).
        ...(backfillDays ? { backfillDays } : {}),
      },
    },
    // Tech Insights' SLO fact retriever asks for every entity's SLO list, and
    // app-config.yaml's demo runs it every 2 minutes: in the 2,000-service
    // probe a run took 32-330 s (2,001 requests, four at a time then) and ran
    // 65% of the time, beside the backfill, the cycle and the API load. Like
    // the collector, it never runs on its own during a measurement here (its
    // cron names 1 January, 00:00, and Tech Insights' scheduler would
    // otherwise run it 5 s after start whatever the cron says: it did,
    // through the 10,000-service backfill); docs/tech-insights.md gives a
    // run's cost.
    techInsights: {
      factRetrievers: {
        sloFactRetriever: { cadence: '0 0 1 1 *', initialDelay: { days: 365 } },
      },
    },
  };
  return config;
}

function isListening(port) {
  return new Promise(resolve => {
    const socket = connect({ host: '127.0.0.1', port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}

/** Resident set size of a process in bytes, from /proc (0 once it is gone). */
export async function rssOf(pid) {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const match = /VmRSS:\s+(\d+) kB/.exec(status);
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/**
 * Starts the backend and resolves once it is ready. The returned handle
 * samples RSS every `sampleMs` for the whole life of the process.
 */
export async function startBenchPortal({
  configFile,
  port,
  workDir,
  log = () => {},
  sampleMs = 500,
}) {
  if (await isListening(port)) {
    throw new Error(
      `port ${port} on 127.0.0.1 is already taken by another process; pass --port with a free one`,
    );
  }
  const backendDir = path.join(repoRoot, 'packages/backend');
  const transform = require.resolve(
    '@backstage/cli-node/config/nodeTransform.cjs',
    { paths: [backendDir] },
  );
  const memoryFile = path.join(workDir, `memory-${port}.json`);
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [
      ...backendNodeOptions(),
      '--require',
      path.join(repoRoot, 'bench/lib/memoryProbe.cjs'),
      '--require',
      transform,
      'src/index',
      '--config',
      path.join(repoRoot, 'app-config.yaml'),
      '--config',
      configFile,
    ],
    {
      cwd: backendDir,
      env: {
        ...process.env,
        NODE_ENV: process.env.BENCH_NODE_ENV ?? 'production',
        ESBK_TSCONFIG_PATH: path.join(repoRoot, 'tsconfig.json'),
        BENCH_MEMORY_FILE: memoryFile,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const lines = [];
  const logFile = createWriteStream(
    path.join(workDir, `backend-${path.basename(configFile, '.json')}.log`),
  );
  const onData = chunk => {
    const text = chunk.toString();
    logFile.write(text);
    output = (output + text).slice(-40000);
    for (const line of text.split('\n')) {
      if (
        line.includes('SLO collection:') ||
        line.includes('SLO scorecard figures') ||
        line.includes('SLO review figures') ||
        line.includes('Composite SLO figures')
      )
        lines.push(line);
    }
    log(text);
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  let stopping = false;
  child.on('exit', (code, signal) => {
    logFile.end(
      `\n[bench] backend exited with code ${code}, signal ${signal}\n`,
    );
    if (!stopping) {
      process.stderr.write(
        `[bench] the backend (pid ${child.pid}) exited on its own: code ${code}, signal ${signal}\n`,
      );
    }
  });

  const rss = {
    peak: 0,
    samples: [],
    phase: 'start',
    byPhase: {},
    heapUsedByPhase: {},
    heapLiveByPhase: {},
  };
  const sample = async () => {
    const bytes = await rssOf(child.pid);
    if (bytes === 0) return;
    rss.peak = Math.max(rss.peak, bytes);
    rss.byPhase[rss.phase] = Math.max(rss.byPhase[rss.phase] ?? 0, bytes);
    let heapUsed;
    let heapLive;
    try {
      ({ heapUsed, heapLive } = JSON.parse(await readFile(memoryFile, 'utf8')));
      rss.heapUsedByPhase[rss.phase] = Math.max(
        rss.heapUsedByPhase[rss.phase] ?? 0,
        heapUsed,
      );
      if (heapLive !== undefined) {
        rss.heapLiveByPhase[rss.phase] = Math.max(
          rss.heapLiveByPhase[rss.phase] ?? 0,
          heapLive,
        );
      }
    } catch {
      // not written yet, or being written
    }
    rss.samples.push({
      t: Date.now(),
      bytes,
      heapUsed,
      heapLive,
      phase: rss.phase,
    });
  };
  const sampler = setInterval(sample, sampleMs);

  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = async () => {
    stopping = true;
    clearInterval(sampler);
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15000);
    await once(child, 'exit');
    clearTimeout(timer);
  };
  const deadline = Date.now() + 300000;
  for (;;) {
    if (child.exitCode !== null) {
      clearInterval(sampler);
      throw new Error(
        `the backend exited with ${
          child.exitCode
        } before it was ready:\n${output.slice(-6000)}`,
      );
    }
    try {
      const res = await fetch(`${baseUrl}/.backstage/health/v1/readiness`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(
        `the backend was not ready within 300 s:\n${output.slice(-6000)}`,
      );
    }
    await new Promise(r => setTimeout(r, 500));
  }
  await writeFile(path.join(workDir, 'backend.pid'), String(child.pid));
  return {
    baseUrl,
    pid: child.pid,
    startupSeconds: (performance.now() - started) / 1000,
    rss,
    setPhase(phase) {
      rss.phase = phase;
    },
    collectionLogLines: () => [...lines],
    output: () => output,
    stop,
  };
}

/** A guest user's Backstage token, as the sign-in page gets it. */
export async function guestToken(baseUrl) {
  const res = await fetch(`${baseUrl}/api/auth/guest/refresh`, {
    headers: { 'x-requested-with': 'XMLHttpRequest' },
  });
  if (!res.ok)
    throw new Error(
      `guest sign-in failed: HTTP ${res.status} ${await res.text()}`,
    );
  return (await res.json()).backstageIdentity.token;
}

/** Waits until the catalog serves every given Component with its annotations (ingestion takes a while at scale). */
export async function waitForCatalog({
  baseUrl,
  token,
  count,
  // 15 minutes, or 0.3 s a component: 10,000 take 20 minutes or more on two cores.
  timeoutMs = Math.max(900000, count * 300),
  log = () => {},
}) {
  const deadline = Date.now() + timeoutMs;
  let last = -1;
  for (;;) {
    const res = await fetch(
      `${baseUrl}/api/catalog/entities/by-query?filter=kind=component&limit=1`,
      {
        headers: { authorization: `Bearer ${token}` },
      },
    );
    const total = res.ok ? (await res.json()).totalItems : 0;
    if (total !== last) {
      log(`catalog: ${total}/${count} components`);
      last = total;
    }
    if (total >= count) return;
    if (Date.now() > deadline)
      throw new Error(
        `the catalog ingested only ${total} of ${count} components within ${
          timeoutMs / 1000
        } s`,
      );
    await new Promise(r => setTimeout(r, 2000));
  }
}

/**
 * fetch, asked again when the connection fails: at the end of a cycle the
 * backend may not answer for a while (SQLite's compaction and retention
 * statements block its event loop), and a kept-alive socket it closes then
 * fails the request already sent on it.
 */
async function fetchPatiently(url, init, attempts = 10) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fetch(url, init);
    } catch (error) {
      if (attempt >= attempts) throw error;
      await new Promise(r => setTimeout(r, 2000));
    }
  }
}

async function collectorTaskState(baseUrl, headers) {
  const res = await fetchPatiently(
    `${baseUrl}/api/slo/.backstage/scheduler/v1/tasks`,
    { headers },
  );
  if (!res.ok)
    throw new Error(
      `reading the scheduler's tasks failed: HTTP ${
        res.status
      } ${await res.text()}`,
    );
  const task = (await res.json()).tasks.find(t => t.taskId === 'slo-collector');
  if (!task) throw new Error('the SLO plugin registered no slo-collector task');
  return task.taskState ?? {};
}

/**
 * Runs one collection cycle and returns what the collector recorded of it
 * (`GET /api/slo/collector`). With `trigger` it starts one through the
 * scheduler's API; without, it waits for the one the backend starts itself.
 * A cycle is done when the scheduler records a new end time (the clock of
 * the SLO plugin is fixed, so its own start times do not change).
 */
export async function runCollectionCycle({
  baseUrl,
  token,
  trigger = true,
  timeoutMs = 7200000, // the collector's own timeout in portalConfig
}) {
  const headers = { authorization: `Bearer ${token}` };
  const before = await collectorTaskState(baseUrl, headers);
  const previous = before.lastRunEndedAt ?? null;
  if (trigger) {
    const res = await fetch(
      `${baseUrl}/api/slo/.backstage/scheduler/v1/tasks/slo-collector/trigger`,
      {
        method: 'POST',
        headers,
      },
    );
    if (!res.ok)
      throw new Error(
        `triggering the collector failed: HTTP ${
          res.status
        } ${await res.text()}`,
      );
  }
  const started = performance.now();
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await new Promise(r => setTimeout(r, 1000));
    const state = await collectorTaskState(baseUrl, headers);
    if (
      state.status === 'idle' &&
      (state.lastRunEndedAt ?? null) !== previous
    ) {
      if (state.lastRunError)
        throw new Error(`the collection cycle failed: ${state.lastRunError}`);
      const status = await (
        await fetchPatiently(`${baseUrl}/api/slo/collector`, { headers })
      ).json();
      return {
        ...status.lastRun,
        observedSeconds: (performance.now() - started) / 1000,
      };
    }
    if (Date.now() > deadline)
      throw new Error(
        `the collection cycle did not finish within ${timeoutMs / 1000} s`,
      );
  }
}

/**
 * Waits until the backend has computed the figures it computes ahead after
 * each collection cycle (the scorecard's, then the review's: logged as
 * "SLO review figures of N SLOs computed in …"), so that the API is not
 * timed while they are computed. The backend's CPU use cannot tell: on a
 * shared machine a busy backend may get too little CPU to look busy.
 * Returns false when they were not logged within `timeoutMs`.
 */
export async function waitForFiguresAhead(portal, timeoutMs = 900000) {
  const deadline = Date.now() + timeoutMs;
  const count = text =>
    portal.collectionLogLines().filter(line => line.includes(text)).length;
  while (count('SLO review figures') < count('SLO collection:')) {
    // Not logged in time: the API is timed anyway, and the log says so.
    if (Date.now() > deadline) return false;
    await new Promise(resolve => setTimeout(resolve, 1000));
  }
  return true;
}

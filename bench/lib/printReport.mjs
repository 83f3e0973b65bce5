// Prints the run's results as tables with the issue's targets beside them,
// in text for the terminal and in Markdown for docs/performance.md.
import { fmt, markdownTable, textTable, verdict } from './report.mjs';

const TARGETS = {
  incrementalSeconds: 60,
  entityP50: 20,
  entityP99: 100,
  teamP50: 150,
  baselineRatio: 10,
  rssBytes: 500 * 2 ** 20,
  tabMs: 1000,
  scorecardMs: 1500,
  reviewP50: 150,
  reviewMs: 1500,
  longTaskMs: 200,
};

function levelAt(endpoint, connections) {
  return endpoint?.levels.find(l => l.connections === connections);
}

/** Rows of every table, shared by both renderings. */
export function reportTables(results) {
  const tables = [];
  const fixture = results.fixture;
  // Runs on a kept work directory (--api-only, --frontend-only) build no fixture.
  if (fixture) tables.push({
    title: 'Scale fixture',
    header: [
      'services',
      'SLOs',
      'series',
      'samples',
      'OpenMetrics',
      'generate',
      'promtool backfill',
      'catalog ingest',
    ],
    rows: [
      [
        fmt.int(results.catalog.entityRefs.length),
        fmt.int(results.catalog.sloCount),
        fixture.cached ? '(cached)' : fmt.int(fixture.series),
        fixture.cached ? '' : `${(fixture.samples / 1e6).toFixed(1)} M`,
        fixture.cached ? '' : fmt.mib(fixture.bytes),
        fixture.cached ? '' : fmt.s(fixture.generateSeconds),
        fixture.cached ? '' : fmt.s(fixture.backfillSeconds),
        fmt.s(results.catalogSeconds),
      ],
    ],
  });

  const collectionRows = [];
  for (const [db, c] of Object.entries(results.collection ?? {})) {
    for (const [label, cycle] of [
      ['full backfill', c.backfill],
      ['incremental', c.incremental],
    ]) {
      collectionRows.push([
        db,
        label,
        fmt.s(cycle.seconds),
        `${fmt.int(cycle.slos)}${
          cycle.failed ? ` (${cycle.failed} failed)` : ''
        }`,
        fmt.int(cycle.queries),
        (cycle.queries / Math.max(1, cycle.slos)).toFixed(2),
        fmt.int(cycle.rowsWritten),
        fmt.int(cycle.bucketRows),
        fmt.mib(cycle.bytes),
        cycle.warmUp ? fmt.s(cycle.warmUp.seconds) : '',
        label === 'incremental'
          ? `≤ ${TARGETS.incrementalSeconds} s: ${verdict(
              cycle.seconds <= TARGETS.incrementalSeconds && cycle.failed === 0,
            )}`
          : '',
      ]);
    }
  }
  tables.push({
    title: 'Collection',
    header: [
      'database',
      'cycle',
      'wall time',
      'SLOs',
      'Prometheus queries',
      'queries/SLO',
      'rows written',
      'bucket rows',
      'DB size',
      'scorecard figures ahead',
      'target',
    ],
    rows: collectionRows,
  });

  const baseline = results.baseline ?? {};
  const apiRows = [];
  for (const [db, api] of Object.entries(results.api ?? {})) {
    for (const [key, endpoint] of Object.entries(api)) {
      const base = baseline[key];
      if (endpoint.error) {
        apiRows.push([
          db,
          endpoint.label,
          '',
          '',
          '',
          '',
          `failed: ${endpoint.error.slice(0, 80)}`,
          '',
          '',
          '',
          '',
          '',
        ]);
      }
      for (const level of endpoint.levels) {
        if (level.skipped) {
          apiRows.push([
            db,
            endpoint.label,
            level.connections,
            '–',
            '–',
            '–',
            'skipped: fewer clients already saturated it',
            '',
            '',
            '',
            '',
            '',
          ]);
          continue;
        }
        if (level.requests === 0) {
          apiRows.push([
            db,
            endpoint.label,
            level.connections,
            '–',
            '–',
            '0/s',
            `none within ${level.seconds.toFixed(0)} s`,
            '',
            '',
            '',
            '',
            '',
          ]);
          continue;
        }
        let target = '';
        if (key === 'entity' && level.connections === 10) {
          target = `p50 ≤ ${TARGETS.entityP50}, p99 ≤ ${
            TARGETS.entityP99
          }: ${verdict(
            level.p50 <= TARGETS.entityP50 && level.p99 <= TARGETS.entityP99,
          )}`;
        }
        if (key === 'team' && level.connections === 10) {
          target = `p50 ≤ ${TARGETS.teamP50}: ${verdict(
            level.p50 <= TARGETS.teamP50,
          )}`;
        }
        if (key === 'review' && level.connections === 10) {
          target = `p50 ≤ ${TARGETS.reviewP50}: ${verdict(
            level.p50 <= TARGETS.reviewP50,
          )}`;
        }
        const single = level.connections === 1;
        apiRows.push([
          db,
          endpoint.label,
          level.connections,
          fmt.ms(level.p50),
          fmt.ms(level.p99),
          fmt.rps(level.throughput),
          level.errors + level.non2xx > 0
            ? `${level.errors + level.non2xx} failed`
            : '',
          single && base !== undefined ? fmt.ms(base) : '',
          single && base !== undefined
            ? fmt.ratio(base / Math.max(level.p50, 0.1))
            : '',
          single && base !== undefined
            ? `≥ ${TARGETS.baselineRatio}×: ${verdict(
                base / Math.max(level.p50, 0.1) >= TARGETS.baselineRatio,
              )}`
            : '',
          target,
          single && endpoint.coldP50Ms !== undefined
            ? `${fmt.ms(endpoint.coldP50Ms)} (${fmt.ms(endpoint.coldMaxMs)})`
            : '',
        ]);
      }
    }
  }
  tables.push({
    title: 'API under load (autocannon from the bench process, 127.0.0.1)',
    header: [
      'database',
      'endpoint',
      'clients',
      'p50',
      'p99',
      'throughput',
      'errors',
      'Prometheus',
      'ratio',
      'vs baseline',
      'target',
      'first answer p50 (max)',
    ],
    rows: apiRows,
  });

  const rssRows = Object.entries(results.rss ?? {}).map(([db, rss]) => [
    db === 'catalog' ? 'catalog ingest' : db,
    fmt.mib(rss.peak),
    Object.entries(rss.byPhase)
      .map(([phase, bytes]) => {
        const heap = rss.heapUsedByPhase?.[phase];
        const live = rss.heapLiveByPhase?.[phase];
        return `${phase} ${fmt.mib(bytes)}${
          heap
            ? ` (heap ${fmt.mib(heap)}${live ? `, live ${fmt.mib(live)}` : ''})`
            : ''
        }`;
      })
      .join(', '),
    `< 500 MiB: ${verdict(rss.peak < TARGETS.rssBytes)}`,
  ]);
  tables.push({
    title:
      'Backend memory (RSS, V8 heap in use and live after a full GC; peaks per phase, sampled every 0.5 s)',
    header: ['run', 'RSS peak', 'by phase', 'target'],
    rows: rssRows,
  });

  if (results.frontend) {
    tables.push(...frontendTables(results.frontend));
  }
  tables.push({
    title: 'Machine load during the run (1-minute load average)',
    header: ['phase', 'load', 'free memory'],
    rows: (results.loads ?? []).map(l => [
      l.phase,
      l.load1.toFixed(1),
      `${l.freeMiB} MiB`,
    ]),
  });
  return tables;
}

/** The pages timed, each with its name and interactive target (runs before the review have none). */
function pages(f) {
  return [
    [`SLO tab, flagship (${f.tab.slos} SLOs, 90 days)`, f.tab, TARGETS.tabMs],
    [`scorecard, ${f.scorecard.services} services`, f.scorecard, TARGETS.scorecardMs],
    ...(f.review
      ? [[`review, ${f.review.services} services, ${f.review.periods}`, f.review, TARGETS.reviewMs]]
      : []),
  ];
}

/** The page timings: interactive against its target, then first figure and long tasks (issue 21.5). */
export function frontendTables(f) {
  return [
    {
      title:
        'Frontend (headless Chromium, production build served by the backend)',
      header: ['page', 'interactive', 'details', 'target'],
      rows: pages(f).map(([label, page, target]) => [
        label,
        fmt.ms(page.interactiveMs),
        page.details,
        `≤ ${target} ms: ${verdict(
          !page.error && page.interactiveMs <= target,
        )}`,
      ]),
    },
    {
      title:
        'Felt speed: first figure and long tasks (medians of 3 full loads; longest task of all loads)',
      header: [
        'page',
        'first figure',
        'interactive',
        'cold first load',
        'longest task, full load',
        'longest task, in-app',
        `≤ ${TARGETS.longTaskMs} ms`,
      ],
      rows: pages(f).filter(([, page]) => !page.error).map(([label, page]) => [
        label,
        fmt.ms(page.contentMs),
        fmt.ms(page.interactiveMs),
        fmt.ms(page.firstLoadMs),
        fmt.ms(page.longestTaskFullMs),
        fmt.ms(page.longestTaskInAppMs),
        verdict(page.longestTaskMs <= TARGETS.longTaskMs),
      ]),
    },
  ];
}

/** Prints the tables as text, then as Markdown. */
export function printReport(results) {
  const tables = reportTables(results).filter(table => table.rows.length > 0);
  const m = results.machine;
  const out = [];
  out.push(
    '',
    `Machine: ${m.cpus} × ${m.cpuModel}, ${m.memoryGiB} GiB, Node ${
      m.node
    }; run took ${fmt.s(results.totalSeconds)}`,
    `Backend: NODE_ENV=${m.backendNodeEnv ?? 'development'}, Node flags: ${
      m.backendNodeOptions || '(none)'
    }`,
  );
  for (const table of tables)
    out.push('', table.title, textTable(table.header, table.rows));
  out.push('', '--- Markdown ---');
  for (const table of tables)
    out.push(
      '',
      `#### ${table.title}`,
      '',
      markdownTable(table.header, table.rows),
    );
  process.stdout.write(`${out.join('\n')}\n`);
}

// The API under load (docs/performance.md, step 4): each endpoint's first
// answers after a cycle, then autocannon at 1, 10 and 50 clients.
import { loadTest, waitForIdle, warmUp } from './apiLoad.mjs';
import { log, noteLoad } from './runRecord.mjs';

const DAY = 86400;

/** The reliability review the bench measures: one group, the last four quarters (the page's default). */
export function reviewPath(groupRef) {
  return `/api/slo/review?${new URLSearchParams({
    group: groupRef,
    period: 'quarter',
    count: '4',
  })}`;
}

/** Every endpoint (or those in `only`) at each load level; figures by endpoint key. */
export async function apiLoad({ portal, token, fleet, catalog, quick, only }) {
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

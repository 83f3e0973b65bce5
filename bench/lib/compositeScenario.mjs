// Issue 14's target: a System composite of 300 components adds at most 20%
// to the scorecard's warm p50. Measured on SQLite after the main run, in two
// starts of the backend on the same stored buckets: the scorecards without
// the composite, then with a System that declares it (an `events` composite
// of 300 services' availability SLOs, owned by division-a). Each start runs
// a collection cycle (nothing new to collect: the clock is fixed), which
// computes every SLO's and every composite's figures ahead, as in production.
import { appendFile, readFile, writeFile } from 'node:fs/promises';
import { loadTest, waitForIdle, warmUp } from './apiLoad.mjs';
import { guestToken, runCollectionCycle } from './benchPortal.mjs';

const SYSTEM = 'bench-journey';
const COMPOSITE = 'checkout-journey';

/** The System entity that declares the composite over `services`' availability SLOs. */
function systemDocument(services) {
  const composites = [
    {
      name: COMPOSITE,
      description: `Requests served without a server error, pooled over ${services.length} services`,
      objective: 99.9,
      window: '30d',
      semantics: 'events',
      members: services.map(name => ({
        slo: `component:default/${name}/availability`,
      })),
    },
  ];
  return [
    '---',
    'apiVersion: backstage.io/v1alpha1',
    'kind: System',
    'metadata:',
    `  name: ${SYSTEM}`,
    '  annotations:',
    `    slo-kit.dev/composite-slos: '${JSON.stringify(composites)}'`,
    'spec:',
    '  owner: division-a',
    '',
  ].join('\n');
}

async function waitForSystem({ baseUrl, token, timeoutMs = 600000 }) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await fetch(
      `${baseUrl}/api/catalog/entities/by-name/system/default/${SYSTEM}`,
      { headers: { authorization: `Bearer ${token}` } },
    );
    if (res.ok) return;
    if (Date.now() > deadline)
      throw new Error(`the catalog did not ingest system:default/${SYSTEM} within ${timeoutMs / 1000} s`);
    await new Promise(r => setTimeout(r, 2000));
  }
}

/**
 * Waits until the collector's task can be triggered: its worker is past its
 * initial delay and no cycle runs. (The task's next run is the one stored in
 * the database by the run before, a day later, so no cycle starts by itself.)
 */
async function waitForIdleCollector({ baseUrl, token, timeoutMs = 600000 }) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await fetch(`${baseUrl}/api/slo/.backstage/scheduler/v1/tasks`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const task = res.ok ? (await res.json()).tasks.find(t => t.taskId === 'slo-collector') : undefined;
    if (task?.workerState?.status === 'idle' && task.taskState?.status === 'idle') return;
    if (Date.now() > deadline) throw new Error(`the collector's task was not idle within ${timeoutMs / 1000} s: ${JSON.stringify(task)}`);
    await new Promise(r => setTimeout(r, 1000));
  }
}

/** The median of `repeat` warm runs at `connections` clients, for each scorecard. */
async function scorecardLoads({ portal, token, scorecards, level, repeat, log, label }) {
  const results = {};
  for (const [key, path] of Object.entries(scorecards)) {
    await waitForIdle(portal.pid, 600);
    const [first] = await warmUp({ baseUrl: portal.baseUrl, token, paths: [path] });
    const runs = [];
    for (let i = 0; i < repeat; i++) {
      await waitForIdle(portal.pid, 600);
      runs.push(await loadTest({ baseUrl: portal.baseUrl, token, paths: [path], ...level }));
    }
    const p50s = runs.map(r => r.p50).sort((a, b) => a - b);
    results[key] = {
      path,
      firstMs: first,
      p50Ms: p50s[Math.floor((p50s.length - 1) / 2)],
      runs,
    };
    log(`composite scenario, ${label}, ${key} scorecard: first ${first.toFixed(0)} ms, warm p50 ${p50s.join(' / ')} ms at ${level.connections} clients`);
  }
  return results;
}

/** What the plugin logged of its last warm-up of composites. */
function compositeWarmUp(portal) {
  const line = portal
    .collectionLogLines()
    .filter(l => l.includes('Composite SLO figures'))
    .at(-1);
  const match = /figures of (\d+) composites computed in (\d+) ms/.exec(line ?? '');
  return match ? { composites: Number(match[1]), seconds: Number(match[2]) / 1000 } : undefined;
}

/**
 * Runs the scenario. `startPortal()` starts the backend on the run's SQLite
 * databases, its collector past its initial delay at once; `catalogFile` is the scale
 * catalog, to which the System is appended (and from which it is removed
 * again at the end).
 */
export async function compositeScenario({ startPortal, catalogFile, serviceNames, quick, log, noteLoad }) {
  const members = serviceNames.slice(0, 300);
  const level = quick
    ? { connections: 10, amount: 100, maxSeconds: 3 }
    : { connections: 10, amount: 1000, maxSeconds: 8 };
  const repeat = quick ? 1 : 3;
  const scorecards = {
    org: '/api/slo/scorecard',
    division: '/api/slo/scorecard?group=group%3Adefault%2Fdivision-a',
  };
  const measure = async (label, withSystem) => {
    noteLoad(`composite:${label}`);
    const portal = await startPortal();
    try {
      const token = await guestToken(portal.baseUrl);
      // One cycle, once the catalog has the System: its warm-up computes the composite.
      if (withSystem) await waitForSystem({ baseUrl: portal.baseUrl, token });
      await waitForIdleCollector({ baseUrl: portal.baseUrl, token });
      await runCollectionCycle({ baseUrl: portal.baseUrl, token });
      const loads = await scorecardLoads({ portal, token, scorecards, level, repeat, log, label });
      const result = { scorecards: loads, warmUp: compositeWarmUp(portal) };
      if (withSystem) {
        const started = performance.now();
        const res = await fetch(`${portal.baseUrl}/api/slo/entities/system/default/${SYSTEM}/composites`, {
          headers: { authorization: `Bearer ${token}` },
        });
        const body = await res.json();
        result.entityCompositesMs = performance.now() - started;
        const composite = body.composites?.[0];
        if (!composite || composite.members.length !== members.length)
          throw new Error(`the System's composite was not computed with ${members.length} members: ${JSON.stringify(body).slice(0, 500)}`);
        const scorecard = await (await fetch(`${portal.baseUrl}${scorecards.org}`, {
          headers: { authorization: `Bearer ${token}` },
        })).json();
        if (!scorecard.slos.some(row => row.composite === 'events' && row.name === COMPOSITE))
          throw new Error('the org scorecard has no row for the composite');
        result.compositeSli = composite.evaluation?.sli ?? null;
      }
      return result;
    } finally {
      await portal.stop();
    }
  };
  const original = await readFile(catalogFile, 'utf8');
  const without = await measure('without', false);
  await appendFile(catalogFile, systemDocument(members));
  let withComposite;
  try {
    withComposite = await measure('with', true);
  } finally {
    await writeFile(catalogFile, original);
  }
  const added = Object.fromEntries(
    Object.keys(scorecards).map(key => [
      key,
      withComposite.scorecards[key].p50Ms / without.scorecards[key].p50Ms - 1,
    ]),
  );
  log(`composite scenario: the composite adds ${Object.entries(added).map(([k, v]) => `${(v * 100).toFixed(0)}% (${k})`).join(', ')} to the warm p50 (target ≤ 20%)`);
  return { members: members.length, level, repeat, without, with: withComposite, added };
}

// The suggestion job at portal scale (issue 24): a catalog of N services
// without SLOs (default 1,000) searched against the bench's real Prometheus
// (the same fleet fixture as `yarn bench`: http_requests_total and
// http_request_duration_seconds by service, 35 days), with the repo's
// app-config templates and every built-in. Measures one run (queries,
// duration, services with a suggestion, what the default query cap defers)
// and shows that a collection cycle is not delayed by it: the steady-state
// queries of a cycle over the same SLOs, timed alone, during a run with the
// job's collection gate (as the backend wires it) and during a run without it.
//
//   yarn --cwd bench suggestions [--services N] [--concurrency N]
import { createRequire } from 'node:module';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { loadavg, cpus } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fixture, sloCommon } from './lib/fixtureModule.mjs';
import { fleetSpecs, scaleTsdb } from './lib/scaleFixture.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(repoRoot, 'plugins/slo-backend/package.json'));
require('@backstage/cli/config/nodeTransform.cjs');
const backend = file => require(path.join(repoRoot, 'plugins/slo-backend/src', file));

const { SloSuggestionJob } = backend('suggestions/SloSuggestionJob.ts');
const { CollectionActivity } = backend('suggestions/CollectionActivity.ts');
const { DatabaseSuggestionStore } = backend('suggestions/DatabaseSuggestionStore.ts');
const { SloSourceRegistry } = backend('sources/SloSourceRegistry.ts');
const { createCliSources } = backend('cli/createCliSources.ts');
const { runWithConcurrency } = backend('collector/runWithConcurrency.ts');
const { ConfigReader } = require('@backstage/config');
const knexFactory = require('knex');
const YAML = require('yaml');

const log = text => process.stdout.write(`${text}\n`);

function parseArgs(argv) {
  const options = { services: 1000, concurrency: 2 };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--services') options.services = Number(argv[++i]);
    else if (argv[i] === '--concurrency') options.concurrency = Number(argv[++i]);
    else throw new Error(`Unknown argument ${argv[i]}; use --services N, --concurrency N`);
  }
  return options;
}

const silentLogger = { info() {}, warn() {}, error() {}, debug() {}, child() { return silentLogger; } };

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const benchDir = path.join(repoRoot, '.data/bench');
  const workDir = path.join(benchDir, `suggestions-${Date.now()}`);
  await mkdir(workDir, { recursive: true });
  const end = fixture().DEMO_END;
  log(`suggestions bench: ${options.services} services, load ${loadavg()[0].toFixed(1)} on ${cpus().length} CPUs`);

  const specs = fleetSpecs({ count: options.services, end, days: 35, sampleSeconds: 300 });
  const tsdb = await scaleTsdb({ specs, cacheDir: path.join(benchDir, 'cache'), log });
  const prometheus = await fixture().startPrometheus({ dataDir: tsdb.dataDir });
  log(`Prometheus on ${prometheus.url}`);
  const names = specs.map(spec => spec.services[0].name);
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: path.join(workDir, 'suggestions.sqlite') },
    useNullAsDefault: true,
  });
  try {
    const appConfig = YAML.parse(await readFile(path.join(repoRoot, 'app-config.yaml'), 'utf8'));
    const { templates } = sloCommon().parseSliTemplates(appConfig.slo.templates);
    const config = new ConfigReader({
      slo: { defaultSource: 'prometheus', sources: { prometheus: { prometheus: { baseUrl: prometheus.url } } } },
    });
    const sources = new SloSourceRegistry(createCliSources(config, { at: end }), 'prometheus');
    const [source] = sources.list();
    const store = await DatabaseSuggestionStore.create({ database: { getClient: async () => knex } });
    const entities = names.map(name => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name, namespace: 'default' },
      spec: { type: 'service', owner: 'group:default/fleet', lifecycle: 'production' },
    }));
    const catalog = { getEntities: async () => ({ items: entities }) };
    const auth = { getOwnServiceCredentials: async () => ({ $$type: '@backstage/BackstageCredentials', principal: { type: 'service', subject: 'bench' } }) };
    const job = ({ collection, maxQueriesPerRun = 1_000_000 } = {}) =>
      new SloSuggestionJob({
        catalog,
        auth,
        logger: silentLogger,
        store,
        sources,
        templates,
        clock: { now: () => end },
        settings: { concurrency: options.concurrency, maxQueriesPerRun },
        collection,
      });

    // A steady-state collection cycle: each service's availability SLI over
    // the last 10 minutes, 4 SLOs at a time (the collector's default).
    const availability = templates.find(t => t.name === 'http-availability');
    const definitions = names.map(name => {
      const entity = {
        ...entities[0],
        metadata: { name, namespace: 'default', annotations: { 'slo-kit.dev/templates': `http-availability: {service: ${name}}` } },
      };
      return sloCommon().parseEntitySlos(entity, { templates: [availability] }).slos[0];
    });
    const cycle = async () => {
      const started = performance.now();
      let queries = 0;
      await runWithConcurrency(definitions, 4, async definition => {
        const answer = await source.fetchBuckets({
          sloId: definition.id,
          sli: definition.sli,
          start: end - 600,
          end,
          bucketSeconds: 300,
        });
        queries += answer.queryCount;
      });
      return { durationMs: Math.round(performance.now() - started), queries };
    };

    const results = {
      startedAt: new Date().toISOString(),
      services: options.services,
      templatesTried: templates.filter(t => t.serviceParameter).length,
      concurrency: options.concurrency,
      maxConcurrentQueries: 4,
      cpus: cpus().length,
      load: loadavg()[0],
    };
    await cycle(); // warm Prometheus' caches for the cycle's series
    results.cycleAlone = await cycle();
    log(`collection cycle alone: ${results.cycleAlone.queries} queries in ${results.cycleAlone.durationMs} ms`);

    const run = await job().runOnce();
    results.run = run;
    log(
      `suggestion run: ${run.searched} services, ${run.queries} queries in ${(run.durationMs / 1000).toFixed(1)} s ` +
        `(${(run.queries / (run.durationMs / 1000)).toFixed(0)} queries/s), ${run.withSuggestions} with a suggestion`,
    );
    const capped = await job({ maxQueriesPerRun: 20000 }).runOnce();
    results.defaultCap = { searched: capped.searched, deferred: capped.deferred, queries: capped.queries, durationMs: capped.durationMs };
    log(`with the default cap (20,000 queries): ${capped.searched} searched, ${capped.deferred} left for the next run`);

    // A cycle that starts while a run is under way, with and without the gate.
    // The run is cancelled once the cycle is done: the cycle is what is measured.
    for (const gated of [true, false]) {
      // The gate as the backend wires it: a lease row in the plugin's database.
      const collection = gated ? new CollectionActivity({ db: knex, leaseMs: 15 * 60_000 }) : undefined;
      const cancel = new AbortController();
      const running = job({ collection }).runOnce({ signal: cancel.signal });
      await new Promise(resolve => setTimeout(resolve, 3000));
      let during;
      const tracked = (collection ?? { track: fn => fn }).track(async () => {
        during = await cycle();
      });
      await tracked(new AbortController().signal);
      cancel.abort();
      const summary = await running;
      results[gated ? 'cycleDuringGatedRun' : 'cycleDuringUngatedRun'] = {
        ...during,
        jobWaitedMs: summary.waitedForCollectionMs,
      };
      log(
        `collection cycle during a run ${gated ? 'with' : 'WITHOUT'} the gate: ${during.durationMs} ms ` +
          `(alone ${results.cycleAlone.durationMs} ms); the run waited ${summary.waitedForCollectionMs} ms`,
      );
    }
    const file = path.join(benchDir, `suggestions-${results.startedAt.replace(/[:.]/g, '-')}.json`);
    await writeFile(file, JSON.stringify(results, null, 2));
    log(`results in ${file}`);
  } finally {
    await knex.destroy();
    await prometheus.stop();
    await rm(workDir, { recursive: true, force: true });
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});

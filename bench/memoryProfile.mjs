// What the backend holds per SLO (issue 16): the plugin's own SloService,
// SloEvaluator, SloReviewService and DatabaseSloStore (SQLite in memory) on
// N synthetic services with the bench's three SLOs each, without the portal,
// its catalog or Prometheus (the figures read only stored buckets). It fills
// the caches the way a running portal does (the figures computed after a
// cycle, every entity's SLO list as the Tech Insights retriever asks for it,
// the org's and a team's scorecards) and records the live heap after a full
// GC after each step, per SLO; `--snapshot FILE` writes a heap snapshot at
// the end (bench-only: the plugin has no debug endpoint). `--cpu-profile
// FILE` profiles the timed requests instead.
//
//   node --expose-gc bench/memoryProfile.mjs [--services N] [--days D] [--snapshot FILE] [--cpu-profile FILE] [--requests N]
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { Session } from 'node:inspector/promises';
import v8 from 'node:v8';
import { threeSlos } from './lib/scaleCatalog.mjs';
import { backend, backendRequire } from './lib/backendSource.mjs';

const require = backendRequire;

const { DatabaseSloStore } = backend('database/DatabaseSloStore.ts');
const { SloSourceRegistry } = backend('sources/SloSourceRegistry.ts');
const { createCliSources } = backend('cli/createCliSources.ts');
const { readSloBackendConfig } = backend('config/readSloBackendConfig.ts');
const { CatalogSloDefinitionLoader } = backend(
  'definitions/CatalogSloDefinitionLoader.ts',
);
const { OpenSloReader } = backend('definitions/OpenSloReader.ts');
const { CachingSloDefinitionLoader } = backend(
  'service/CachingSloDefinitionLoader.ts',
);
const { SloEvaluator } = backend('evaluator/SloEvaluator.ts');
const { SloService } = backend('service/SloService.ts');
const { SloReviewService } = backend('review/SloReviewService.ts');
const { SloReviewReader } = backend('review/SloReviewReader.ts');
const { DatabaseSloEpisodeStore } = backend(
  'episodes/DatabaseSloEpisodeStore.ts',
);
const { ConfigReader } = require('@backstage/config');
const knexFactory = require('knex');

const started = performance.now();
const log = text =>
  process.stdout.write(
    `[${((performance.now() - started) / 1000)
      .toFixed(0)
      .padStart(4)} s] ${text}\n`,
  );

function parseArgs(argv) {
  const options = {
    services: 2000,
    days: 2,
    teamServices: undefined,
    snapshot: undefined,
    cpuProfile: undefined,
    requests: 20,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--services') options.services = Number(argv[++i]);
    else if (arg === '--days') options.days = Number(argv[++i]);
    else if (arg === '--team-services')
      options.teamServices = Number(argv[++i]);
    else if (arg === '--snapshot') options.snapshot = argv[++i];
    else if (arg === '--cpu-profile') options.cpuProfile = argv[++i];
    else if (arg === '--requests') options.requests = Number(argv[++i]);
    else
      throw new Error(
        `Unknown argument ${arg}; use --services N, --days D, --team-services N, --snapshot FILE, --cpu-profile FILE, --requests N`,
      );
  }
  options.teamServices ??= Math.round(options.services / 5);
  return options;
}

/** 2026-01-15T00:00:00Z: a fixed "now". */
const END = 1_768_435_200;

function component(name, owner) {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: { 'slo-kit.dev/slos': JSON.stringify(threeSlos(name)) },
    },
    spec: { type: 'service', owner, lifecycle: 'production' },
    relations: [{ type: 'ownedBy', targetRef: owner }],
  };
}

function group(name, parent) {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace: 'default' },
    spec: { type: 'team', children: [], ...(parent ? { parent } : {}) },
    relations: parent
      ? [{ type: 'childOf', targetRef: `group:default/${parent}` }]
      : [],
  };
}

/** A catalog of fixed entities: every filter the plugin uses, by kind or annotation. */
function fakeCatalog(components, groups) {
  const byRef = new Map(
    [...components, ...groups].map(e => [
      `${e.kind.toLowerCase()}:default/${e.metadata.name}`,
      e,
    ]),
  );
  return {
    getEntityByRef: async ref => byRef.get(String(ref).toLowerCase()),
    getEntities: async request => {
      const filter = request?.filter;
      const kinds = []
        .concat(filter ?? [])
        .map(f => f.kind)
        .filter(Boolean);
      if (kinds.includes('Group')) return { items: groups };
      return { items: components };
    },
    getEntitiesByRefs: async request => ({
      items: request.entityRefs.map(ref => byRef.get(ref)),
    }),
  };
}

const credentials = {
  $$type: '@backstage/BackstageCredentials',
  principal: { type: 'user', userEntityRef: 'user:default/bench' },
};

function live() {
  global.gc();
  global.gc();
  return process.memoryUsage();
}

const mib = bytes => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
}

/** `requests` answers, `clients` at a time: p50 and the largest. */
async function timed(clients, requests, ask) {
  const times = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < requests) {
        const i = next++;
        const t = performance.now();
        await ask(i);
        times.push(performance.now() - t);
      }
    }),
  );
  times.sort((a, b) => a - b);
  return {
    p50: Math.round(percentile(times, 0.5) * 10) / 10,
    max: Math.round(times[times.length - 1] * 10) / 10,
  };
}

async function main() {
  if (!global.gc) throw new Error('Run with node --expose-gc');
  const options = parseArgs(process.argv.slice(2));
  const results = { options, load: [loadavg()[0]], steps: [] };
  log(
    `${options.services} services, ${options.days} days; load ${loadavg()
      .map(l => l.toFixed(1))
      .join(' ')}`,
  );
  // A file, not ':memory:': the process's RSS is then the backend's, not the buckets'.
  const dbDir = await mkdtemp(path.join(tmpdir(), 'slo-memory-'));
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: path.join(dbDir, 'slo.sqlite') },
    useNullAsDefault: true,
  });
  const config = new ConfigReader({
    slo: {
      defaultSource: 'prometheus',
      now: new Date(END * 1000).toISOString(),
      sources: {
        prometheus: { prometheus: { baseUrl: 'http://127.0.0.1:1' } },
      },
    },
  });
  const settings = readSloBackendConfig(config);
  const sources = new SloSourceRegistry(
    createCliSources(config, { at: END }),
    'prometheus',
  );
  const databaseService = { getClient: async () => knex };
  const store = await DatabaseSloStore.create({ database: databaseService });
  const episodes = await DatabaseSloEpisodeStore.create({
    database: databaseService,
  });
  const clock = { now: () => END };
  const loader = new CatalogSloDefinitionLoader({
    templates: [],
    knownSources: () => sources.list().map(s => s.name),
    openSlo: new OpenSloReader({ readUrl: async () => undefined }),
    now: () => END,
  });

  const teams = [group('org')];
  const teamOf = index =>
    index < options.teamServices
      ? 'team-large'
      : `team-${Math.floor((index - options.teamServices) / 200)}`;
  const components = Array.from({ length: options.services }, (_, i) =>
    component(
      `svc-${String(i).padStart(5, '0')}`,
      `group:default/${teamOf(i)}`,
    ),
  );
  for (const name of new Set(components.map((_, i) => teamOf(i))))
    teams.push(group(name, 'org'));
  const catalog = fakeCatalog(components, teams);

  // Register every SLO and store D days of 5-minute buckets, as a backfill would.
  const from = END - options.days * 86400;
  let slos = 0;
  for (const entity of components) {
    const { definitions } = await loader.load(entity);
    for (const definition of definitions) {
      await store.registerSlo(
        {
          sloId: definition.id,
          entityRef: definition.entityRef,
          name: definition.name,
          source: 'prometheus',
          definitionHash: 'bench',
          definition,
        },
        END,
      );
      const buckets = [];
      for (let start = from; start < END; start += 300) {
        const total = 1000 + ((start / 300 + slos) % 17);
        buckets.push({
          start,
          durationSeconds: 300,
          good: total - ((start / 300 + slos) % 3),
          total,
        });
      }
      await store.saveBuckets(
        definition.id,
        buckets,
        { from, until: END },
        { at: END * 1000 },
      );
      slos++;
    }
  }
  log(`${slos} SLOs stored`);
  results.slos = slos;

  const evaluator = new SloEvaluator({
    store,
    sources,
    clock,
    config: settings,
  });
  // One caching loader for the API and the review, as plugin.ts has it.
  const cachingLoader = new CachingSloDefinitionLoader(loader);
  const service = new SloService({
    catalog,
    loader: cachingLoader,
    evaluator,
    store,
    sources,
    catalogCacheMs: 10_000,
  });
  const review = new SloReviewService({
    catalog,
    loader: cachingLoader,
    evaluator,
    reader: new SloReviewReader({
      store,
      evaluator,
      config: settings,
      episodes,
    }),
    defaultTimeZone: settings.review.timeZone,
    catalogCacheMs: 10_000,
  });

  let before = live();
  const step = (name, extra = {}) => {
    const now = live();
    const record = {
      step: name,
      heapUsed: now.heapUsed,
      rss: now.rss,
      perSloBytes: Math.round((now.heapUsed - before.heapUsed) / slos),
      ...extra,
    };
    results.steps.push(record);
    log(
      `${name}: live heap ${mib(now.heapUsed)} (+${mib(
        now.heapUsed - before.heapUsed,
      )}, ${record.perSloBytes} B/SLO), RSS ${mib(now.rss)}${
        Object.keys(extra).length ? ` ${JSON.stringify(extra)}` : ''
      }`,
    );
    before = now;
  };
  step('stored, nothing computed');

  const warmed = await service.warmScorecard();
  step('scorecard figures ahead', { ms: warmed.durationMs });
  const reviewed = await review.warmReview(credentials);
  step('review figures ahead', { ms: reviewed.durationMs });
  const t0 = performance.now();
  for (const entity of components) {
    await service.entitySlos(
      `component:default/${entity.metadata.name}`,
      credentials,
    );
  }
  step('every entity SLO list', {
    ms: Math.round(performance.now() - t0),
  });
  const org = await service.scorecardJson(undefined, credentials);
  const team = await service.scorecardJson(
    'group:default/team-large',
    credentials,
  );
  step('org and team scorecards', {
    orgBytes: org.length,
    teamBytes: team.length,
  });
  results.evaluatorEntries = evaluator.cachedEvaluations;

  let session;
  if (options.cpuProfile) {
    session = new Session();
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
  }
  // Request timings in this process (no HTTP, one client and ten at a time).
  const entityRef = i =>
    `component:default/${
      components[(i * 7919) % components.length].metadata.name
    }`;
  const n = options.requests;
  results.requests = {
    entity1: await timed(1, n, i =>
      service.entitySlos(entityRef(i), credentials),
    ),
    entity10: await timed(10, n * 5, i =>
      service.entitySlos(entityRef(i), credentials),
    ),
    team1: await timed(1, n, () =>
      service.scorecardJson('group:default/team-large', credentials),
    ),
    team10: await timed(10, n * 5, () =>
      service.scorecardJson('group:default/team-large', credentials),
    ),
    org10: await timed(10, n, () =>
      service.scorecardJson(undefined, credentials),
    ),
  };
  log(`requests (in process): ${JSON.stringify(results.requests)}`);
  if (session) {
    const { profile } = await session.post('Profiler.stop');
    await writeFile(options.cpuProfile, JSON.stringify(profile));
    log(`CPU profile in ${options.cpuProfile}`);
  }
  step('after the requests');
  results.load.push(loadavg()[0]);
  if (options.snapshot) {
    v8.writeHeapSnapshot(options.snapshot);
    log(`heap snapshot in ${options.snapshot}`);
  }
  log(
    `load ${loadavg()
      .map(l => l.toFixed(1))
      .join(' ')}; MALLOC_ARENA_MAX=${
      process.env.MALLOC_ARENA_MAX ?? '(unset)'
    }`,
  );
  results.mallocArenaMax = process.env.MALLOC_ARENA_MAX ?? null;
  process.stdout.write(`${JSON.stringify(results)}\n`);
  await knex.destroy();
  await rm(dbDir, { recursive: true, force: true });
}

main().catch(error => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});

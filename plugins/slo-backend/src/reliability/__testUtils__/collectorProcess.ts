/**
 * A collector in its own process, for tests that SIGKILL it mid-cycle: the
 * backend's real store (knex on a SQLite file or PostgreSQL), collector and
 * Prometheus source, with a fixed clock per cycle. Started by
 * {@link startCollectorProcess}; reads its job from the environment and
 * prints one line per finished cycle.
 */
import type {
  AuthService,
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import type { Entity } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { JsonObject } from '@backstage/types';
import { PrometheusSloSource } from '@slo-kit/plugin-slo-backend-module-prometheus';
import knexFactory, { type Knex } from 'knex';
import { SloCollector } from '../../collector/SloCollector';
import { readSloBackendConfig } from '../../config/readSloBackendConfig';
import { DatabaseSloStore } from '../../database/DatabaseSloStore';
import { CatalogSloDefinitionLoader } from '../../definitions/CatalogSloDefinitionLoader';
import { OpenSloReader } from '../../definitions/OpenSloReader';
import { SloSourceRegistry } from '../../sources/SloSourceRegistry';

/** The job of one collector process. */
export interface CollectorJob {
  /** knex configuration of the store. */
  database: Knex.Config;
  prometheusUrl: string;
  entities: Entity[];
  /** `slo` app-config (collector settings). */
  slo: JsonObject;
  /** Clock of each cycle, run one after the other (epoch seconds). */
  cycles: number[];
}

/** Environment variable that carries the job as JSON. */
export const COLLECTOR_JOB_ENV = 'SLO_RELIABILITY_COLLECTOR_JOB';

/** Printed after each finished cycle: `cycle <time> done <summary JSON>`. */
export const CYCLE_DONE = /^cycle (\d+) done (.*)$/;

function stderrLogger(): LoggerService {
  const write = (level: string) => (message: string) => {
    process.stderr.write(`${level}: ${message}\n`);
  };
  const logger: LoggerService = {
    error: write('error'),
    warn: write('warn'),
    info: write('info'),
    debug: () => {},
    child: () => logger,
  };
  return logger;
}

async function run(job: CollectorJob): Promise<void> {
  const knex = knexFactory(job.database);
  const store = await DatabaseSloStore.create({
    database: { getClient: async () => knex },
  });
  const settings = readSloBackendConfig(new ConfigReader({ slo: job.slo }));
  const source = new PrometheusSloSource({
    name: 'prom',
    baseUrl: job.prometheusUrl,
    headers: {},
    timeoutMs: 30_000,
    maxConcurrentQueries: 4,
    maxPointsPerRequest: 10000,
    // The restart test times its kills by counting each SLO's own requests;
    // batched collection is proven in batching.prometheus.test.ts.
    batch: { enabled: false, maxValues: 100, maxPoints: 250_000 },
  });
  // Only what the collector calls: the catalog's entities and the plugin's own credentials.
  const catalog = {
    getEntities: async () => ({ items: job.entities }),
  } as unknown as CatalogService;
  const auth = {
    getOwnServiceCredentials: async () =>
      ({
        $$type: '@backstage/BackstageCredentials',
        principal: { type: 'service', subject: 'plugin:slo' },
      } as BackstageCredentials),
  } as unknown as AuthService;
  const clock = { current: 0, now: () => clock.current };
  const collector = new SloCollector({
    catalog,
    auth,
    logger: stderrLogger(),
    store,
    sources: new SloSourceRegistry([source], 'prom'),
    loader: new CatalogSloDefinitionLoader({
      knownSources: () => ['prom'],
      openSlo: new OpenSloReader({
        readUrl: async () => {
          throw new Error('no URLs in this test');
        },
      }),
    }),
    clock,
    settings: settings.collector,
  });
  for (const at of job.cycles) {
    clock.current = at;
    const summary = await collector.collectOnce();
    process.stdout.write(`cycle ${at} done ${JSON.stringify(summary)}\n`);
  }
  await knex.destroy();
}

if (process.env[COLLECTOR_JOB_ENV]) {
  run(JSON.parse(process.env[COLLECTOR_JOB_ENV]!) as CollectorJob).then(
    () => process.exit(0),
    error => {
      process.stderr.write(`collector process failed: ${error?.stack}\n`);
      process.exit(1);
    },
  );
}

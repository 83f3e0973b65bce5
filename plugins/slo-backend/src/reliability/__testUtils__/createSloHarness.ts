import {
  mockErrorHandler,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { EntitySlosResponse, SloStatus } from '@slo-kit/plugin-slo-common';
import type { SloSource } from '@slo-kit/plugin-slo-node';
import express from 'express';
import request from 'supertest';
import {
  SloCollector,
  type CollectionSummary,
} from '../../collector/SloCollector';
import { readSloBackendConfig } from '../../config/readSloBackendConfig';
import { DatabaseSloStore } from '../../database/DatabaseSloStore';
import { CatalogSloDefinitionLoader } from '../../definitions/CatalogSloDefinitionLoader';
import { OpenSloReader } from '../../definitions/OpenSloReader';
import { SloEvaluator } from '../../evaluator/SloEvaluator';
import { createRouter } from '../../service/createRouter';
import { SloService } from '../../service/SloService';
import { SloSourceRegistry } from '../../sources/SloSourceRegistry';

/** Options of {@link createSloHarness}. */
export interface SloHarnessOptions {
  databases: TestDatabases;
  entities: Entity[];
  sources: SloSource[];
  defaultSource?: string;
  /** `slo` app-config besides sources; `collector` settings included. */
  slo?: Record<string, unknown>;
  /** Initial value of the controllable clock (epoch seconds). */
  now: number;
}

/**
 * The backend's real pieces (store on SQLite, catalog loader, collector,
 * evaluator, service, OpenAPI router) around the given sources, with a clock
 * the test moves. `cycle(t)` runs one collection at time `t`; `slos(ref)`
 * answers like `GET /api/slo/entities/.../slos`.
 */
export async function createSloHarness(options: SloHarnessOptions) {
  const knex = await options.databases.init('SQLITE_3');
  const store = await DatabaseSloStore.create({
    database: { getClient: async () => knex },
  });
  const config = readSloBackendConfig(
    new ConfigReader({
      slo: { defaultSource: options.defaultSource, ...options.slo },
    }),
  );
  const sources = new SloSourceRegistry(options.sources, options.defaultSource);
  const clock = { current: options.now, now: () => clock.current };
  const catalog = catalogServiceMock({ entities: options.entities });
  const loader = new CatalogSloDefinitionLoader({
    knownSources: () => sources.list().map(s => s.name),
    openSlo: new OpenSloReader(mockServices.urlReader.mock()),
  });
  const logger = mockServices.logger.mock();
  const collector = new SloCollector({
    catalog,
    auth: mockServices.auth(),
    logger,
    store,
    sources,
    loader,
    clock,
    settings: config.collector,
    // Retries happen at once: the test is about outcomes, not backoff timing.
    sleep: async () => {},
    retryBaseDelayMs: 1,
  });
  const evaluator = new SloEvaluator({ store, sources, clock, config });
  const service = new SloService({
    catalog,
    loader,
    evaluator,
    store,
    sources,
  });
  const app = express();
  app.use(
    await createRouter({
      httpAuth: mockServices.httpAuth(),
      service,
      validateResponses: true,
    }),
  );
  app.use(mockErrorHandler());

  return {
    store,
    clock,
    collector,
    logger,
    app,
    /** One collection cycle with the clock at `at`. */
    async cycle(at: number): Promise<CollectionSummary> {
      clock.current = at;
      return collector.collectOnce();
    },
    /** The entity's SLOs as the API serves them, by SLO name. */
    async slos(entityRef: string): Promise<Record<string, SloStatus>> {
      const [kind, rest] = entityRef.split(':');
      const [namespace, name] = rest.split('/');
      const res = await request(app).get(
        `/entities/${kind}/${namespace}/${name}/slos`,
      );
      if (res.status !== 200) {
        throw new Error(
          `GET slos of ${entityRef} answered ${res.status}: ${res.text}`,
        );
      }
      const body = res.body as EntitySlosResponse;
      return Object.fromEntries(body.slos.map(s => [s.definition.name, s]));
    },
  };
}

/** What {@link createSloHarness} returns. */
export type SloHarness = Awaited<ReturnType<typeof createSloHarness>>;

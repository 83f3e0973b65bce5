/**
 * The scorecard and the reliability review count the composite SLOs of the
 * Systems and Domains a group owns, next to its services' SLOs, with the
 * figures of the composite's own evaluation; a caller who may not read a
 * member still gets the composite's row, and never the member's name.
 */
import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockErrorHandler,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type {
  EntityCompositesResponse,
  ReliabilityReviewResponse,
  ScorecardResponse,
} from '@slo-kit/plugin-slo-common';
import express from 'express';
import request from 'supertest';
import YAML from 'yaml';
import { SloCollector } from '../collector/SloCollector';
import { readSloBackendConfig } from '../config/readSloBackendConfig';
import { DatabaseSloStore } from '../database/DatabaseSloStore';
import { SloEvaluator } from '../evaluator/SloEvaluator';
import { SloReviewReader } from '../review/SloReviewReader';
import { SloReviewService } from '../review/SloReviewService';
import { createRouter } from '../service/createRouter';
import { SloService } from '../service/SloService';
import { SloSourceRegistry } from '../sources/SloSourceRegistry';
import { FakeSloSource } from '../testing/FakeSloSource';
import { component, MapLoader, ratioSlo } from '../testing/testDefinitions';
import { CompositeSloService } from './CompositeSloService';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
const T0 = 1_740_787_200; // 2025-03-01T00:00:00Z
const DAY = 86400;
const checkout = 'component:default/checkout';
const secret = 'component:default/secret';
const outsider = 'user:default/outsider';

function group(name: string, children: string[] = []): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace: 'default' },
    spec: { type: 'team', children },
  };
}

/** A System owned by payments with an events and a weighted composite. */
const shop: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: {
    name: 'shop',
    namespace: 'default',
    title: 'Shop',
    annotations: {
      'slo-kit.dev/composite-slos': YAML.stringify([
        {
          name: 'checkout-journey',
          objective: 99,
          window: '30d',
          semantics: 'events',
          members: [
            { slo: `${checkout}/availability` },
            { slo: `${secret}/availability` },
          ],
        },
        {
          name: 'weighted-journey',
          objective: 99.9,
          window: '30d',
          semantics: 'weighted',
          members: [
            { slo: `${checkout}/availability`, weight: 3 },
            { slo: `${secret}/availability`, weight: 1 },
          ],
        },
        // Invalid: counted nowhere.
        {
          name: 'broken',
          objective: 99,
          window: '30d',
          semantics: 'events',
          members: [{ slo: `${checkout}/nothing` }],
        },
      ]),
    },
  },
  spec: { owner: 'group:default/payments' },
};

/** Hides `secret` from the outsider, as a catalog permission rule would. */
function permissionedCatalog() {
  const base = catalogServiceMock({
    entities: [
      component('checkout', { owner: 'group:default/payments' }),
      component('secret', { owner: 'group:default/search' }),
      shop,
      group('engineering', ['payments', 'search']),
      group('payments'),
      group('search'),
    ],
  });
  const hidden = (options: unknown) =>
    (
      (options as { credentials: BackstageCredentials }).credentials
        .principal as { userEntityRef?: string }
    ).userEntityRef === outsider;
  return catalogServiceMock.mock({
    getEntityByRef: async (ref, options) =>
      hidden(options) && String(ref) === secret
        ? undefined
        : base.getEntityByRef(
            ref,
            options as { credentials: BackstageCredentials },
          ),
    getEntities: async (req, options) => {
      const answer = await base.getEntities(
        req,
        options as { credentials: BackstageCredentials },
      );
      return hidden(options)
        ? {
            ...answer,
            items: answer.items.filter(e => e.metadata.name !== 'secret'),
          }
        : answer;
    },
    getEntitiesByRefs: async (req, options) => {
      const answer = await base.getEntitiesByRefs(
        req,
        options as { credentials: BackstageCredentials },
      );
      return hidden(options)
        ? {
            items: answer.items.map(e =>
              e?.metadata.name === 'secret' ? undefined : e,
            ),
          }
        : answer;
    },
  });
}

async function createApp() {
  const knex = await databases.init('SQLITE_3');
  const store = await DatabaseSloStore.create({
    database: { getClient: async () => knex },
  });
  const config = readSloBackendConfig(
    new ConfigReader({ slo: { collector: { backfillDays: 70 } } }),
  );
  const sources = new SloSourceRegistry([new FakeSloSource()]);
  const clock = { now: () => T0 };
  const loader = new MapLoader({
    [checkout]: [ratioSlo(checkout, 'availability')],
    [secret]: [ratioSlo(secret, 'availability')],
  });
  const catalog = permissionedCatalog();
  await new SloCollector({
    catalog,
    auth: mockServices.auth(),
    logger: mockServices.logger.mock(),
    store,
    sources,
    loader,
    clock,
    settings: config.collector,
  }).collectOnce();
  const evaluator = new SloEvaluator({ store, sources, clock, config });
  const composites = new CompositeSloService({
    catalog,
    auth: mockServices.auth(),
    loader,
    evaluator,
    store,
  });
  const router = await createRouter({
    httpAuth: mockServices.httpAuth(),
    service: new SloService({
      catalog,
      loader,
      evaluator,
      store,
      sources,
      composites,
    }),
    review: new SloReviewService({
      catalog,
      loader,
      evaluator,
      reader: new SloReviewReader({ store, evaluator, config }),
      defaultTimeZone: 'UTC',
      composites,
    }),
    composites,
    validateResponses: true,
  });
  const app = express();
  app.use(router);
  app.use(mockErrorHandler());
  return app;
}

describe('composite SLOs in the scorecard and the reliability review', () => {
  let app: express.Express;
  beforeAll(async () => {
    app = await createApp();
  });
  const get = (path: string, user = 'user:default/mock') =>
    request(app)
      .get(path)
      .set('Authorization', mockCredentials.user.header(user));

  it("counts a System's composites in its owner's scorecard with the composite's own figures", async () => {
    const scorecard = (await get('/scorecard?group=group:default/payments'))
      .body as ScorecardResponse;
    const composites = (await get('/entities/system/default/shop/composites'))
      .body as EntityCompositesResponse;
    expect(
      scorecard.slos.map(row => [row.entityRef, row.name, row.composite]),
    ).toEqual([
      [checkout, 'availability', undefined],
      ['system:default/shop', 'checkout-journey', 'events'],
      ['system:default/shop', 'weighted-journey', 'weighted'],
    ]);
    const events = scorecard.slos[1];
    const journey = composites.composites.find(
      c => c.name === 'checkout-journey',
    )!;
    expect(events).toEqual(
      expect.objectContaining({
        entityTitle: 'Shop',
        objective: 0.99,
        window: '30d',
        sli: journey.evaluation!.sli,
        budgetRemaining: journey.evaluation!.errorBudget.remainingFraction,
        health: journey.health,
        dataState: 'ok',
        demo: false,
      }),
    );
    // February, pooled: both members' events.
    const february = FakeSloSource.expected(T0 - 28 * DAY, T0);
    expect(events.previousPeriodSli).toBe(february.good / february.total);
    expect(events.previousPeriodVerdict).toBe('met');
    expect(events.sparkline.length).toBeGreaterThan(10);
    expect(
      events.sparkline.every(sli => sli === february.good / february.total),
    ).toBe(true);
    const weighted = scorecard.slos[2];
    const weightedJourney = composites.composites.find(
      c => c.name === 'weighted-journey',
    )!;
    expect(weighted.sli).toBe(weightedJourney.weighted!.sli);
    expect(weighted.budgetRemaining).toBe(
      weightedJourney.weighted!.errorBudgetRemaining,
    );
    expect(weighted.health).toBe(weightedJourney.health);
    // 299/300 misses 99.9%, last month as now.
    expect(weighted.previousPeriodSli).toBeCloseTo(299 / 300, 12);
    expect(weighted.previousPeriodVerdict).toBe('missed');
    // A System is not a service: the count of services stays one.
    expect(scorecard.summary.services).toBe(1);
    expect(scorecard.summary.slos).toBe(3);
    const payments = scorecard.groups.find(
      g => g.groupRef === 'group:default/payments',
    )!;
    expect(payments.slos).toBe(3);
    // Search owns no System: its scorecard has no composite.
    const search = (await get('/scorecard?group=group:default/search'))
      .body as ScorecardResponse;
    expect(search.slos.map(row => row.name)).toEqual(['availability']);
  });

  it('gives a caller who may not read a member the same composite rows, never the member', async () => {
    const mine = (await get('/scorecard?group=group:default/payments'))
      .body as ScorecardResponse;
    const res = await get('/scorecard', outsider);
    expect(res.status).toBe(200);
    const theirs = res.body as ScorecardResponse;
    expect(theirs.slos.filter(row => row.composite)).toEqual(
      mine.slos.filter(row => row.composite),
    );
    expect(JSON.stringify(theirs)).not.toContain('secret');
  });

  it("reviews a System's composites with its owner, per period, from the members' events", async () => {
    const res = await get(
      '/review?group=group:default/payments&period=month&count=2',
    );
    expect(res.status).toBe(200);
    const review = res.body as ReliabilityReviewResponse;
    const byName = new Map(review.slos.map(slo => [slo.name, slo]));
    expect([...byName.keys()].sort()).toEqual([
      'availability',
      'checkout-journey',
      'weighted-journey',
    ]);
    const events = byName.get('checkout-journey')!;
    expect(events).toEqual(
      expect.objectContaining({
        entityRef: 'system:default/shop',
        composite: 'events',
        objective: 0.99,
      }),
    );
    expect(events.ownerRefs).toEqual(['group:default/payments']);
    const [january, february] = events.periods;
    expect([january.label, february.label]).toEqual(['2025-01', '2025-02']);
    const one = FakeSloSource.expected(february.start, february.end);
    expect({ good: february.good, total: february.total }).toEqual({
      good: 2 * one.good,
      total: 2 * one.total,
    });
    expect(february.met).toBe(true);
    expect(february.budgetSpent).toBeCloseTo(1 / 300 / 0.01, 12);
    const weighted = byName.get('weighted-journey')!;
    expect(weighted.composite).toBe('weighted');
    expect(weighted.periods[1]).toEqual(
      expect.objectContaining({
        label: '2025-02',
        met: false,
        verdict: 'missed',
        episodes: [],
        pageMinutes: null,
      }),
    );
    expect(weighted.periods[1].sli).toBeCloseTo(299 / 300, 12);
    expect(weighted.periods[1].budgetSpent).toBeCloseTo(1 / 300 / 0.001, 9);
    const payments = review.teams.find(
      team => team.groupRef === 'group:default/payments',
    )!;
    expect(payments.sloIndexes.map(i => review.slos[i].name).sort()).toEqual([
      'availability',
      'checkout-journey',
      'weighted-journey',
    ]);
    expect(payments.periods[1]).toEqual(
      expect.objectContaining({ slos: 3, met: 2, missed: 1 }),
    );
  });

  it('leaves the composites out of the review of a team that owns no System', async () => {
    const review = (
      await get('/review?group=group:default/search&period=month&count=2')
    ).body as ReliabilityReviewResponse;
    expect(review.slos.map(slo => slo.name)).toEqual(['availability']);
  });
});

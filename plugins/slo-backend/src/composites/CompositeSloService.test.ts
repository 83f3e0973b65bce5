import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockErrorHandler,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type {
  EntityCompositesResponse,
  SloHistoryResponse,
  SloSeriesResponse,
} from '@slo-kit/plugin-slo-common';
import express from 'express';
import request from 'supertest';
import YAML from 'yaml';
import { SloCollector } from '../collector/SloCollector';
import { readSloBackendConfig } from '../config/readSloBackendConfig';
import { DatabaseSloStore } from '../database/DatabaseSloStore';
import { SloEvaluator } from '../evaluator/SloEvaluator';
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
const quiet = 'component:default/quiet';
const outsider = mockCredentials.user('user:default/outsider');

const system: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: {
    name: 'shop',
    namespace: 'default',
    annotations: {
      'slo-kit.dev/composite-slos': YAML.stringify([
        {
          name: 'checkout-journey',
          description: 'People can pay',
          objective: 99,
          window: '30d',
          semantics: 'events',
          members: [
            { slo: `${checkout}/availability` },
            { entity: secret, name: 'availability' },
          ],
        },
        {
          name: 'weighted-journey',
          objective: 99,
          window: '30d',
          semantics: 'weighted',
          members: [
            { slo: `${checkout}/availability`, weight: 3 },
            { slo: `${secret}/availability`, weight: 1 },
            { slo: `${quiet}/availability`, weight: 1 },
          ],
        },
        {
          name: 'broken',
          objective: 99,
          window: '30d',
          semantics: 'events',
          members: [
            { slo: `${checkout}/availabilty` },
            { slo: `${checkout}/weekly` },
            { slo: 'system:default/shop/checkout-journey' },
            { slo: 'component:default/nowhere/availability' },
          ],
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
      component('checkout'),
      component('secret'),
      component('quiet'),
      system,
    ],
  });
  return catalogServiceMock.mock({
    getEntityByRef: async (ref, options) => {
      const { credentials } = options as { credentials: BackstageCredentials };
      const user = (credentials.principal as { userEntityRef?: string })
        .userEntityRef;
      return user === 'user:default/outsider' && String(ref) === secret
        ? undefined
        : base.getEntityByRef(ref, { credentials });
    },
    getEntitiesByRefs: async (req, options) => {
      const { credentials } = options as { credentials: BackstageCredentials };
      const user = (credentials.principal as { userEntityRef?: string })
        .userEntityRef;
      const { items } = await base.getEntitiesByRefs(req, { credentials });
      return {
        items: items.map(e =>
          e &&
          user === 'user:default/outsider' &&
          stringifyEntityRef(e) === secret
            ? undefined
            : e,
        ),
      };
    },
    getEntities: async (req, options) => {
      const { credentials } = options as { credentials: BackstageCredentials };
      const user = (credentials.principal as { userEntityRef?: string })
        .userEntityRef;
      const { items } = await base.getEntities(req, { credentials });
      return {
        items: items.filter(
          e =>
            user !== 'user:default/outsider' ||
            stringifyEntityRef(e) !== secret,
        ),
      };
    },
  });
}

async function createApp() {
  const knex = await databases.init('SQLITE_3');
  const store = await DatabaseSloStore.create({
    database: { getClient: async () => knex },
  });
  const config = readSloBackendConfig(
    new ConfigReader({ slo: { collector: { backfillDays: 40 } } }),
  );
  const sources = new SloSourceRegistry([new FakeSloSource()]);
  const clock = { now: () => T0 };
  const collected = {
    [checkout]: [
      ratioSlo(checkout, 'availability'),
      ratioSlo(checkout, 'weekly', {
        window: { type: 'rolling', durationSeconds: 7 * DAY, label: '7d' },
      }),
    ],
    [secret]: [ratioSlo(secret, 'availability')],
  };
  const catalog = permissionedCatalog();
  await new SloCollector({
    catalog,
    auth: mockServices.auth(),
    logger: mockServices.logger.mock(),
    store,
    sources,
    loader: new MapLoader(collected),
    clock,
    settings: config.collector,
  }).collectOnce();
  // The quiet SLO is declared but was never collected.
  const loader = new MapLoader({
    ...collected,
    [quiet]: [ratioSlo(quiet, 'availability')],
  });
  const evaluator = new SloEvaluator({ store, sources, clock, config });
  const router = await createRouter({
    httpAuth: mockServices.httpAuth(),
    service: new SloService({ catalog, loader, evaluator, store, sources }),
    composites: new CompositeSloService({
      catalog,
      auth: mockServices.auth(),
      loader,
      evaluator,
      store,
    }),
    validateResponses: true,
  });
  const app = express();
  app.use(router);
  app.use(mockErrorHandler());
  return app;
}

describe('GET /entities/{kind}/{namespace}/{name}/composites', () => {
  let app: express.Express;
  beforeAll(async () => {
    app = await createApp();
  });
  const get = (credentials = mockCredentials.user()) =>
    request(app)
      .get('/entities/system/default/shop/composites')
      .set(
        'Authorization',
        mockCredentials.user.header(
          (credentials.principal as { userEntityRef: string }).userEntityRef,
        ),
      );

  it("pools members' events and gives each its share of the bad events", async () => {
    const res = await get();
    expect(res.status).toBe(200);
    const body = res.body as EntityCompositesResponse;
    const journey = body.composites.find(c => c.name === 'checkout-journey')!;
    // FakeSloSource: over any aligned range, total = seconds and bad = seconds / 300, for each SLO.
    const one = FakeSloSource.expected(T0 - 30 * DAY, T0);
    expect(journey.evaluation).toEqual(
      expect.objectContaining({
        at: T0,
        good: 2 * one.good,
        total: 2 * one.total,
        sli: one.good / one.total,
      }),
    );
    expect(journey.evaluation!.errorBudget.remainingFraction).toBeCloseTo(
      1 - 1 / 300 / 0.01,
      12,
    );
    expect(journey).toEqual(
      expect.objectContaining({
        dataState: 'ok',
        partialMembers: [],
        gridMismatch: null,
        description: 'People can pay',
      }),
    );
    expect(journey.members).toEqual([
      expect.objectContaining({
        visible: true,
        entityRef: checkout,
        sloName: 'availability',
        badShare: 0.5,
        total: one.total,
        dataState: 'ok',
      }),
      expect.objectContaining({
        visible: true,
        entityRef: secret,
        badShare: 0.5,
      }),
    ]);
  });

  it('weights SLIs, and names a member without data as what makes it partial', async () => {
    const body = (await get()).body as EntityCompositesResponse;
    const weighted = body.composites.find(c => c.name === 'weighted-journey')!;
    const one = FakeSloSource.expected(T0 - 30 * DAY, T0);
    expect(weighted.weighted!.sli).toBeCloseTo(one.good / one.total, 12);
    expect(weighted.weighted!.memberSlis).toEqual([
      one.good / one.total,
      one.good / one.total,
      null,
    ]);
    expect(weighted.dataState).toBe('partial');
    expect(weighted.partialMembers).toEqual([`${quiet}/availability`]);
    expect(
      weighted.members.map(m => (m.visible ? m.badShare : 'hidden')),
    ).toEqual([0.75, 0.25, 0]);
  });

  it('reports unknown members, mixed windows and composites of composites', async () => {
    const body = (await get()).body as EntityCompositesResponse;
    expect(body.composites.map(c => c.name)).toEqual([
      'checkout-journey',
      'weighted-journey',
    ]);
    expect(body.problems.map(p => [p.sloName, p.path, p.message])).toEqual([
      [
        'broken',
        '[2].members[0]',
        'Unknown member: entity component:default/checkout has no SLO named "availabilty". Did you mean "availability"?',
      ],
      [
        'broken',
        '[2].members[1]',
        "Mixed windows: the member component:default/checkout/weekly is measured over 7d, the composite over 30d. Every member must have the composite's window.",
      ],
      [
        'broken',
        '[2].members[2]',
        'The member system:default/shop/checkout-journey is itself a composite: composites of composites not supported yet. List its members instead.',
      ],
      [
        'broken',
        '[2].members[3]',
        'Unknown member: there is no entity component:default/nowhere in the catalog. Check the ref (kind:namespace/name).',
      ],
    ]);
  });

  it('shows a member the caller may not read as another entity, without name or figures', async () => {
    const res = await get(outsider);
    expect(res.status).toBe(200);
    const body = res.body as EntityCompositesResponse;
    const journey = body.composites.find(c => c.name === 'checkout-journey')!;
    expect(journey.members[1]).toEqual({
      visible: false,
      label: 'another entity',
    });
    expect(JSON.stringify(body)).not.toContain('secret');
    // Nor the hidden member's SLI among the weighted composite's figures.
    const weighted = body.composites.find(c => c.name === 'weighted-journey')!;
    expect(weighted.weighted!.memberSlis[1]).toBeNull();
    expect(weighted.weighted!.memberSlis[0]).not.toBeNull();
    // The composite still counts every member's events.
    expect(journey.evaluation!.total).toBe(
      2 * FakeSloSource.expected(T0 - 30 * DAY, T0).total,
    );
  });

  it("serves an events composite's history from the pooled buckets, and a weighted one's from the members' SLIs", async () => {
    const history = (query: string) =>
      request(app)
        .get(`/composites/history?entityRef=system:default/shop&${query}`)
        .set('Authorization', mockCredentials.user.header());
    const res = await history('name=checkout-journey&period=week&count=3');
    expect(res.status).toBe(200);
    const body = res.body as SloHistoryResponse;
    expect(body.sloId).toBe('system:default/shop/checkout-journey');
    expect(body.periods).toHaveLength(3);
    for (const period of body.periods) {
      const one = FakeSloSource.expected(
        period.start,
        Math.min(period.end, T0),
      );
      expect({
        label: period.label,
        good: period.good,
        total: period.total,
      }).toEqual({
        label: period.label,
        good: 2 * one.good,
        total: 2 * one.total,
      });
    }
    // Weighted: each member's SLI over the period, weighted (quiet has no
    // events and drops out); good and total are the pooled events.
    const weighted = await history('name=weighted-journey&period=week&count=2');
    expect(weighted.status).toBe(200);
    const weightedBody = weighted.body as SloHistoryResponse;
    expect(weightedBody.sloId).toBe('system:default/shop/weighted-journey');
    expect(weightedBody.periods).toHaveLength(2);
    for (const period of weightedBody.periods) {
      const one = FakeSloSource.expected(
        period.start,
        Math.min(period.end, T0),
      );
      expect(period).toEqual(
        expect.objectContaining({
          good: 2 * one.good,
          total: 2 * one.total,
          sli: expect.closeTo(one.good / one.total, 12),
          verdict: 'met',
        }),
      );
    }
    const unknown = await history('name=nothing');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toMatch(
      /has no valid composite SLO named "nothing". Its composites are "checkout-journey", "weighted-journey"/,
    );
  });

  it("serves an events composite's series from the pooled buckets, and a weighted one's", async () => {
    const res = await request(app)
      .get(
        `/composites/series?entityRef=system:default/shop&name=checkout-journey&from=${
          T0 - DAY
        }&to=${T0}&maxPoints=24`,
      )
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(200);
    const body = res.body as SloSeriesResponse;
    expect(body).toEqual(
      expect.objectContaining({
        sloId: 'system:default/shop/checkout-journey',
        from: T0 - DAY,
        to: T0,
        stepSeconds: 3600,
      }),
    );
    expect(body.points).toHaveLength(24);
    for (const point of body.points) {
      const one = FakeSloSource.expected(point.from, point.t);
      expect({ t: point.t, good: point.good, total: point.total }).toEqual({
        t: point.t,
        good: 2 * one.good,
        total: 2 * one.total,
      });
    }
    // Weighted: the same points, the members' SLIs weighted.
    const weighted = await request(app)
      .get(
        `/composites/series?entityRef=system:default/shop&name=weighted-journey&from=${
          T0 - DAY
        }&to=${T0}&maxPoints=24`,
      )
      .set('Authorization', mockCredentials.user.header());
    expect(weighted.status).toBe(200);
    const weightedBody = weighted.body as SloSeriesResponse;
    expect(
      weightedBody.points.map(p => [p.from, p.t, p.good, p.total]),
    ).toEqual(body.points.map(p => [p.from, p.t, p.good, p.total]));
    for (const point of weightedBody.points) {
      const window = FakeSloSource.expected(point.t - 30 * DAY, point.t);
      const span = FakeSloSource.expected(point.from, point.t);
      expect(point.sli).toBeCloseTo(window.good / window.total, 12);
      expect(point.burnRate).toBeCloseTo(
        (1 - span.good / span.total) / 0.01,
        9,
      );
    }
  });

  it('exports rules for events composites, and none that would show a hidden member', async () => {
    const rules = (query: string, user?: string) =>
      request(app)
        .get(`/rules${query}`)
        .set('Authorization', mockCredentials.user.header(user));
    const res = await rules('?entityRef=system:default/shop');
    expect(res.status).toBe(200);
    const file = YAML.parse(res.text);
    expect(file.groups.map((g: { name: string }) => g.name)).toEqual([
      'slo:system:default/shop/checkout-journey',
    ]);
    expect(res.text).toContain(
      '# composite system:default/shop/weighted-journey: not exported: weighted composites are not exported',
    );
    expect(res.text).toContain(
      '# composite system:default/shop/broken: not exported: 4 problem(s) with its members',
    );
    // Every visible entity: the components' own SLOs and the system's composite.
    const all = YAML.parse((await rules('')).text);
    expect(all.groups.map((g: { name: string }) => g.name)).toContain(
      'slo:system:default/shop/checkout-journey',
    );
    // The outsider may not read secret: no rules would leave out its events.
    for (const query of ['?entityRef=system:default/shop', '']) {
      const hidden = await rules(query, 'user:default/outsider');
      expect(hidden.status).toBe(200);
      expect(hidden.text).not.toContain('secret');
      expect(hidden.text).toContain(
        '# composite system:default/shop/checkout-journey: not exported: a member belongs to another entity you may not read, whose metrics the rules would show',
      );
    }
  });

  it('answers 404 for an entity the caller may not read', async () => {
    const res = await request(app)
      .get('/entities/component/default/secret/composites')
      .set(
        'Authorization',
        mockCredentials.user.header('user:default/outsider'),
      );
    expect(res.status).toBe(404);
  });
});

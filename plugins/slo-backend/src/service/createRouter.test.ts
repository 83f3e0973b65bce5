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
import express from 'express';
import request from 'supertest';
import YAML from 'yaml';
import fs from 'node:fs';
import path from 'node:path';
import { SloCollector } from '../collector/SloCollector';
import { readSloBackendConfig } from '../config/readSloBackendConfig';
import { DatabaseSloStore } from '../database/DatabaseSloStore';
import { SloEvaluator } from '../evaluator/SloEvaluator';
import { spec } from '../schema/openapi.generated';
import { SloSourceRegistry } from '../sources/SloSourceRegistry';
import { FakeSloSource } from '../testing/FakeSloSource';
import { component, MapLoader, ratioSlo } from '../testing/testDefinitions';
import { createRouter } from './createRouter';
import { SloReviewReader } from '../review/SloReviewReader';
import { SloReviewService } from '../review/SloReviewService';
import { SloService } from './SloService';
import { CompositeSloService } from '../composites/CompositeSloService';
import { SloGateService } from '../gate/SloGateService';
import { DatabaseSuggestionStore } from '../suggestions/DatabaseSuggestionStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
const T0 = 1_740_787_200; // 2025-03-01T00:00:00Z
const checkout = 'component:default/checkout';
const secret = 'component:default/secret';
const outsider = mockCredentials.user('user:default/outsider');
/** Services without SLOs, each with a stored suggestion; the outsider may not read the second. */
const statusPage = 'component:default/status-page';
const hiddenTool = 'component:default/hidden-tool';

const withoutSlos = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default' },
  spec: { type: 'service', owner: 'group:default/payments', lifecycle: 'production' },
});

const group = (name: string, parent?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default' },
  spec: { type: 'team', children: [], ...(parent ? { parent } : {}) },
});

/** A composite of checkout's and secret's availability, declared on checkout. */
const withComposite = (entity: Entity): Entity => ({
  ...entity,
  metadata: {
    ...entity.metadata,
    annotations: {
      ...entity.metadata.annotations,
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
      ]),
    },
  },
});

const entities: Entity[] = [
  withComposite(
    component('checkout', { owner: 'group:default/payments', title: 'Checkout' }),
  ),
  component('secret', { owner: 'group:default/payments' }),
  withoutSlos('status-page'),
  withoutSlos('hidden-tool'),
  group('engineering'),
  group('payments', 'engineering'),
];

/** Hides `secret` from the outsider, as a catalog permission rule would. */
function permissionedCatalog() {
  const base = catalogServiceMock({ entities });
  const hidden = (credentials: BackstageCredentials, ref: string) =>
    (credentials.principal as { userEntityRef?: string }).userEntityRef ===
      'user:default/outsider' && (ref === secret || ref === hiddenTool);
  type Options = { credentials: BackstageCredentials };
  return catalogServiceMock.mock({
    getEntityByRef: async (ref, options) => {
      const { credentials } = options as Options;
      return hidden(credentials, String(ref))
        ? undefined
        : base.getEntityByRef(ref, { credentials });
    },
    getEntities: async (req, options) => {
      const { credentials } = options as Options;
      const response = await base.getEntities(req, { credentials });
      return {
        items: response.items.filter(
          e => !hidden(credentials, stringifyEntityRef(e)),
        ),
      };
    },
    getEntitiesByRefs: async (req, options) => {
      const { credentials } = options as Options;
      const response = await base.getEntitiesByRefs(req, { credentials });
      return {
        items: response.items.map(e =>
          e && !hidden(credentials, stringifyEntityRef(e)) ? e : undefined,
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
  const loader = new MapLoader({
    [checkout]: [
      ratioSlo(checkout, 'availability', {
        objectives: [
          { name: 'standard', target: 0.99 },
          { name: 'stretch', target: 0.999 },
        ],
      }),
    ],
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
  const suggestions = await DatabaseSuggestionStore.create({
    database: { getClient: async () => knex },
  });
  const suggestion = (entityRef: string) => ({
    entityRef,
    template: 'http-availability',
    family: 'Prometheus HTTP conventions',
    parameters: { job: entityRef.split('/')[1] },
    windowStart: T0 - 30 * 86400,
    windowEnd: T0,
    good: 9975,
    total: 10000,
    attainment: 0.9975,
    objective: 99.5,
    templateObjective: 99.9,
  });
  await suggestions.save(
    [statusPage, hiddenTool].map(entityRef => ({
      entityRef,
      suggestions: [suggestion(entityRef)],
      misses: [],
      checkedAt: T0 * 1000,
    })),
  );
  const service = new SloService({
    catalog,
    loader,
    evaluator: new SloEvaluator({ store, sources, clock, config }),
    store,
    sources,
    suggestions,
  });
  const evaluator = new SloEvaluator({ store, sources, clock, config });
  const review = new SloReviewService({
    catalog,
    loader,
    evaluator,
    reader: new SloReviewReader({ store, evaluator, config }),
    defaultTimeZone: 'UTC',
  });
  const router = await createRouter({
    httpAuth: mockServices.httpAuth(),
    service,
    review,
    composites: new CompositeSloService({
      catalog,
      auth: mockServices.auth(),
      loader,
      evaluator,
      store,
    }),
    gate: new SloGateService({ service }),
    validateResponses: true,
  });
  const app = express();
  app.use(router);
  app.use(mockErrorHandler());
  return app;
}

describe('createRouter', () => {
  let app: express.Express;

  beforeAll(async () => {
    app = await createApp();
  });

  const get = (url: string, credentials = mockCredentials.user()) =>
    request(app)
      .get(url)
      .set(
        'Authorization',
        mockCredentials.user.header(
          (credentials.principal as { userEntityRef: string }).userEntityRef,
        ),
      );

  it('keeps the generated spec in step with openapi.yaml', () => {
    const yaml = YAML.parse(
      fs.readFileSync(
        path.resolve(__dirname, '../schema/openapi.yaml'),
        'utf8',
      ),
    );
    expect(spec).toEqual(yaml);
  });

  it('answers every documented path with a response that matches the document', async () => {
    const samples: Record<string, string> = {
      '/health': '/health',
      '/entities/{kind}/{namespace}/{name}/slos':
        '/entities/component/default/checkout/slos',
      '/entities/{kind}/{namespace}/{name}/problems':
        '/entities/component/default/checkout/problems',
      '/entities/{kind}/{namespace}/{name}/composites':
        '/entities/component/default/checkout/composites',
      '/entities/{kind}/{namespace}/{name}/gate':
        '/entities/component/default/checkout/gate?policy=not-paging&policy=budget-left%3E%3D0%25',
      '/composites/series': `/composites/series?entityRef=${checkout}&name=checkout-journey`,
      '/composites/history': `/composites/history?entityRef=${checkout}&name=checkout-journey&period=week&count=3`,
      '/entities/{kind}/{namespace}/{name}/suggestions':
        '/entities/component/default/status-page/suggestions',
      '/slos/series': `/slos/series?entityRef=${checkout}&name=availability`,
      '/slos/history': `/slos/history?entityRef=${checkout}&name=availability`,
      '/scorecard': '/scorecard',
      '/rules': `/rules?entityRef=${checkout}`,
      '/collector': '/collector',
      '/slos/periods': `/slos/periods?entityRef=${checkout}&name=availability&period=week&count=3&timeZone=Europe/Berlin`,
      '/review': '/review?period=month&count=2',
    };
    expect(Object.keys(spec.paths).sort()).toEqual(Object.keys(samples).sort());
    for (const url of Object.values(samples)) {
      const res = await get(url);
      // validateResponses turns a response that breaks the document into a 500.
      expect({
        url,
        status: res.status,
        body: res.status === 200 ? undefined : res.body,
      }).toEqual({
        url,
        status: 200,
        body: undefined,
      });
    }
  });

  it('serves exact figures for every objective', async () => {
    const res = await get('/entities/component/default/checkout/slos').expect(
      200,
    );
    const [slo] = res.body.slos;
    expect(
      slo.evaluations.map(
        (e: { objective: { name: string } }) => e.objective.name,
      ),
    ).toEqual(['standard', 'stretch']);
    const expected = FakeSloSource.expected(T0 - 30 * 86400, T0);
    expect(slo.evaluations[0]).toMatchObject({
      ...expected,
      sli: expected.good / expected.total,
      dataState: 'ok',
    });
    expect(slo.exploreUrl).toBe('https://fake.invalid/explore?kind=ratio');
  });

  it('requires credentials on every endpoint but /health', async () => {
    for (const url of [
      '/entities/component/default/checkout/slos',
      '/entities/component/default/checkout/gate?policy=not-paging',
      '/scorecard',
      '/rules',
      '/collector',
    ]) {
      const res = await request(app)
        .get(url)
        .set('Authorization', mockCredentials.none.header());
      expect({ url, status: res.status }).toEqual({ url, status: 401 });
    }
  });

  describe('catalog permissions', () => {
    it('hides entities the caller may not read, as not found', async () => {
      await get('/entities/component/default/secret/slos').expect(200);
      const res = await get(
        '/entities/component/default/secret/slos',
        outsider,
      ).expect(404);
      expect(res.body.error.message).toBe(
        'No entity component:default/secret in the catalog, or you may not read it. Check the ref (kind:namespace/name).',
      );
      await get(
        `/slos/series?entityRef=${secret}&name=availability`,
        outsider,
      ).expect(404);
      await get(`/rules?entityRef=${secret}`, outsider).expect(404);
      await get(
        '/entities/component/default/secret/gate?policy=not-paging',
        outsider,
      ).expect(404);
      await get(
        `/slos/periods?entityRef=${secret}&name=availability`,
        outsider,
      ).expect(404);
    });

    it('serves stored suggestions only of entities the caller may read', async () => {
      const res = await get(
        '/entities/component/default/status-page/suggestions',
        outsider,
      ).expect(200);
      expect(res.body).toEqual({
        entityRef: statusPage,
        suggestions: [
          expect.objectContaining({
            template: 'http-availability',
            attainment: 0.9975,
            objective: 99.5,
          }),
        ],
        annotation:
          'http-availability: { job: status-page, objective: 99.5 }',
        checkedAt: new Date(T0 * 1000).toISOString(),
      });
      await get('/entities/component/default/hidden-tool/suggestions').expect(
        200,
      );
      const hidden = await get(
        '/entities/component/default/hidden-tool/suggestions',
        outsider,
      ).expect(404);
      expect(hidden.body.error.message).toMatch(
        /^No entity component:default\/hidden-tool in the catalog, or you may not read it/,
      );
      // An entity with SLOs has no suggestions; one never searched says so.
      expect(
        (await get('/entities/component/default/checkout/suggestions')).body,
      ).toEqual({
        entityRef: checkout,
        suggestions: [],
        annotation: null,
        checkedAt: null,
      });
    });

    it('counts the services without SLOs, and those with a suggestion, that the caller may read', async () => {
      const everyone = await get('/scorecard').expect(200);
      expect(everyone.body.summary.withoutSlos).toEqual({
        services: 2,
        withSuggestion: 2,
      });
      const payments = everyone.body.groups.find(
        (g: { groupRef: string }) => g.groupRef === 'group:default/payments',
      );
      expect(payments.withoutSlos).toEqual({ services: 2, withSuggestion: 2 });
      const scoped = await get('/scorecard?group=group:default/engineering', outsider).expect(200);
      expect(scoped.body.summary.withoutSlos).toEqual({
        services: 1,
        withSuggestion: 1,
      });
    });

    it('leaves hidden entities out of the reliability review', async () => {
      const refs = (body: { slos: Array<{ entityRef: string }> }) =>
        body.slos.map(s => s.entityRef).sort();
      expect(refs((await get('/review')).body)).toEqual([checkout, secret]);
      expect(refs((await get('/review', outsider)).body)).toEqual([checkout]);
    });

    it('leaves hidden entities out of scorecards and rules', async () => {
      const everyone = await get(
        '/scorecard?group=group:default/engineering',
      ).expect(200);
      expect(everyone.headers['content-type']).toBe(
        'application/json; charset=utf-8',
      );
      expect(
        everyone.body.slos
          .map((s: { entityRef: string }) => s.entityRef)
          .sort(),
      ).toEqual([checkout, secret]);
      const limited = await get(
        '/scorecard?group=group:default/engineering',
        outsider,
      ).expect(200);
      expect(
        limited.body.slos.map((s: { entityRef: string }) => s.entityRef),
      ).toEqual([checkout]);
      expect(
        limited.body.groups.find(
          (g: { groupRef: string }) =>
            g.groupRef === 'group:default/engineering',
        ),
      ).toMatchObject({
        services: 1,
        slos: 1,
        childRefs: ['group:default/payments'],
      });
      const rules = await get('/rules', outsider).expect(200);
      expect(rules.text).toContain('checkout');
      expect(rules.text).not.toContain('secret');
    });
  });

  describe('bad input', () => {
    it.each([
      [
        `/slos/series?entityRef=${checkout}&name=availability&from=yesterday`,
        'Invalid "from": "yesterday". Use epoch seconds (e.g. 1740787200) or an ISO-8601 time (e.g. 2025-03-01T00:00:00Z).',
      ],
      [
        `/slos/series?entityRef=${checkout}&name=availability&from=1740787200&to=1740700800`,
        'Invalid range: "from" (1740787200) must be before "to" (1740700800).',
      ],
      [
        `/slos/series?entityRef=${checkout}&name=availability&from=1600000000&to=1740787200`,
        'Invalid range: 1629 days is longer than the 400 days a series may span; narrow "from" and "to".',
      ],
      [
        `/slos/series?entityRef=${checkout}&name=availability&maxPoints=5000`,
        'Invalid "maxPoints": "5000". Use a whole number from 1 to 1000.',
      ],
      [
        `/slos/history?entityRef=${checkout}&name=availability&count=0`,
        'Invalid "count": "0". Use a whole number from 1 to 60.',
      ],
      [
        '/slos/series?entityRef=component:&name=availability',
        'Invalid "entityRef": "component:". Use an entity ref kind:namespace/name, e.g. component:default/checkout.',
      ],
    ])('%s → 400', async (url, message) => {
      const res = await get(url).expect(400);
      expect(res.body.error).toEqual({ name: 'InputError', message });
    });

    it('rejects what the document does not allow, naming the parameter', async () => {
      const period = await get(
        `/slos/history?entityRef=${checkout}&name=availability&period=year`,
      ).expect(400);
      expect(period.body.error.message).toMatch(/period.*week, month/);
      const missing = await get(`/slos/history?entityRef=${checkout}`).expect(
        400,
      );
      expect(missing.body.error.message).toMatch(/name/);
      const unknown = await get(
        `/slos/history?entityRef=${checkout}&name=availability&color=red`,
      ).expect(400);
      expect(unknown.body.error.message).toMatch(/color/);
    });
  });

  describe('entity names the catalog cannot hold', () => {
    const nameRule =
      'a name is 1 to 63 letters, digits, "-", "_" or ".", beginning and ending with a letter or digit';
    it.each([
      [
        '/entities/component/default/%F0%9F%98%80/problems',
        `Invalid entity name "😀" in the path: ${nameRule}. Use /entities/<kind>/<namespace>/<name>/..., e.g. /entities/component/default/checkout/slos.`,
      ],
      [
        '/entities/component/default/check%00out/slos',
        `Invalid entity name "check\\u0000out" in the path: ${nameRule}. Use /entities/<kind>/<namespace>/<name>/..., e.g. /entities/component/default/checkout/slos.`,
      ],
      [
        '/entities/component/de%20fault/checkout/slos',
        'Invalid entity namespace "de fault" in the path: a namespace is 1 to 63 lowercase letters, digits or "-", beginning and ending with a letter or digit. Use /entities/<kind>/<namespace>/<name>/..., e.g. /entities/component/default/checkout/slos.',
      ],
      [
        `/slos/series?entityRef=${encodeURIComponent(
          'component:default/😀',
        )}&name=availability`,
        `Invalid "entityRef": "component:default/😀": "😀" is not a valid entity name; ${nameRule}. Use an entity ref kind:namespace/name, e.g. component:default/checkout.`,
      ],
      [
        `/rules?entityRef=${encodeURIComponent('component:default/😀')}`,
        `Invalid "entityRef": "component:default/😀": "😀" is not a valid entity name; ${nameRule}. Use an entity ref kind:namespace/name, e.g. component:default/checkout.`,
      ],
      [
        `/scorecard?group=${encodeURIComponent('group:default/a b')}`,
        `Invalid "group": "group:default/a b": "a b" is not a valid entity name; ${nameRule}. Use an entity ref kind:namespace/name, e.g. group:default/checkout.`,
      ],
    ])('%s → 400 before asking the catalog', async (url, message) => {
      const res = await get(url).expect(400);
      expect(res.body.error).toEqual({ name: 'InputError', message });
    });

    it('shortens a long name in the message', async () => {
      const res = await get(
        `/entities/component/default/${'x'.repeat(5000)}/slos`,
      ).expect(400);
      expect(res.body.error.message).toMatch(/^Invalid entity name "x{60}…" /);
      expect(res.body.error.message.length).toBeLessThan(300);
    });

    it('reads a namespace regardless of case, as the catalog does', async () => {
      const res = await get('/entities/component/Default/checkout/slos');
      expect(res.status).toBe(200);
      expect(res.body.entityRef).toBe(checkout);
    });
  });

  describe('series ranges', () => {
    const series = `/slos/series?entityRef=${checkout}&name=availability`;
    it.each([
      [
        `${series}&to=1`,
        'Invalid range: "from" defaults to the SLO\'s window (30d) before "to" (1), which is before 1970. Pass a later "to", or a "from".',
      ],
      [
        `${series}&to=4102444800`,
        'Invalid range: "to" (4102444800, 2100-01-01T00:00:00.000Z) is after now (1740787200, 2025-03-01T00:00:00.000Z); a series ends at now at the latest. Leave "to" out for a series up to now.',
      ],
      [
        `${series}&to=4102444800&from=1740700800`,
        'Invalid range: "to" (4102444800, 2100-01-01T00:00:00.000Z) is after now (1740787200, 2025-03-01T00:00:00.000Z); a series ends at now at the latest. Leave "to" out for a series up to now.',
      ],
      [
        `${series}&to=100000000000000000000000`,
        'Invalid "to": "100000000000000000000000". Use epoch seconds (e.g. 1740787200) or an ISO-8601 time (e.g. 2025-03-01T00:00:00Z).',
      ],
      [
        `${series}&from=100000000000000000000000`,
        'Invalid "from": "100000000000000000000000". Use epoch seconds (e.g. 1740787200) or an ISO-8601 time (e.g. 2025-03-01T00:00:00Z).',
      ],
    ])('%s → 400', async (url, message) => {
      const res = await get(url).expect(400);
      expect(res.body.error).toEqual({ name: 'InputError', message });
    });

    it('serves a range ending now, given or defaulted', async () => {
      const given = await get(`${series}&to=${T0}`).expect(200);
      const defaulted = await get(series).expect(200);
      expect(given.body).toEqual(defaulted.body);
      expect(given.body.from).toBe(T0 - 30 * 86400);
    });
  });

  describe('objectives', () => {
    it('names the objectives an SLO has, its unnamed one too', async () => {
      const unnamed = await get(
        `/slos/series?entityRef=${secret}&name=availability&objective=nope`,
      ).expect(404);
      expect(unnamed.body.error.message).toBe(
        'SLO component:default/secret/availability has no objective named "nope". Its one objective (99%) has no name: leave "objective" out, or pass it empty.',
      );
      const named = await get(
        `/slos/series?entityRef=${checkout}&name=availability&objective=`,
      ).expect(404);
      expect(named.body.error.message).toBe(
        'SLO component:default/checkout/availability has no objective named "". Its objectives are "standard" (99%), "stretch" (99.9%).',
      );
    });

    it('takes an empty objective as the unnamed one', async () => {
      const empty = await get(
        `/slos/history?entityRef=${secret}&name=availability&objective=`,
      ).expect(200);
      const absent = await get(
        `/slos/history?entityRef=${secret}&name=availability`,
      ).expect(200);
      expect(empty.body).toEqual(absent.body);
    });
  });

  describe('methods and bodies', () => {
    it('answers a method the API does not have with 405 and the ones it has', async () => {
      for (const method of ['post', 'put', 'delete', 'patch'] as const) {
        const res = await request(app)
          [method]('/scorecard')
          .set('Authorization', mockCredentials.user.header());
        expect({
          method,
          status: res.status,
          allow: res.headers.allow,
        }).toEqual({ method, status: 405, allow: 'GET, HEAD' });
        expect(res.body.error).toEqual({
          name: 'MethodNotAllowedError',
          message: `${method.toUpperCase()} is not served at /scorecard; the SLO API only reads: use GET.`,
        });
      }
    });

    it.each(['/scorecard', '/review'])(
      'gives %s an ETag of its body, and answers 304 to a client that has it',
      async route => {
        const first = await get(route).expect(200);
        expect(first.headers['content-type']).toBe(
          'application/json; charset=utf-8',
        );
        const tag = first.headers.etag;
        expect(tag).toMatch(/^W\/"/);
        const again = await get(route).expect(200);
        expect(again.headers.etag).toBe(tag);
        await get(route).set('If-None-Match', tag).expect(304);
      },
    );

    it('refuses a large body with 413 before reading it', async () => {
      const res = await get('/scorecard')
        .set('Content-Type', 'application/json')
        .send(JSON.stringify({ padding: 'x'.repeat(5 * 1024 * 1024) }));
      expect(res.status).toBe(413);
      expect(res.body.error).toEqual({
        name: 'PayloadTooLargeError',
        message:
          'The request has a body of 5242894 bytes; the SLO API reads no request body and refuses one over 102400 bytes. Send the request without a body.',
      });
    });
  });

  describe('unknown things', () => {
    it.each([
      [
        `/slos/series?entityRef=${checkout}&name=latency`,
        'Entity component:default/checkout has no SLO named "latency". Its SLOs are "availability".',
      ],
      [
        `/slos/history?entityRef=${checkout}&name=availability&objective=gold`,
        'SLO component:default/checkout/availability has no objective named "gold". Its objectives are "standard" (99%), "stretch" (99.9%).',
      ],
      [
        '/scorecard?group=group:default/nobody',
        'No group group:default/nobody in the catalog, or you may not read it. Pass a Group entity ref such as group:default/payments.',
      ],
      [
        '/entities/component/default/nothing/problems',
        'No entity component:default/nothing in the catalog, or you may not read it. Check the ref (kind:namespace/name).',
      ],
    ])('%s → 404', async (url, message) => {
      const res = await get(url).expect(404);
      expect(res.body.error).toEqual({ name: 'NotFoundError', message });
    });
  });
});

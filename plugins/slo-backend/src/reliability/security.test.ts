/**
 * Security of the SLO backend on a real test backend with the real Prometheus
 * and Datadog source modules, talking to local stand-ins of both:
 *
 * - every endpoint in openapi.yaml refuses unauthenticated calls;
 * - a user sees SLOs only of entities the catalog lets them read;
 * - no API parameter makes the backend query a source, and sources are asked
 *   only the queries the catalog's annotations define, at the URLs config names;
 * - source credentials never appear in answers, errors or logs, even when a
 *   source echoes them back.
 */
import {
  coreServices,
  createBackendModule,
  type BackstageCredentials,
  type SchedulerService,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import datadogModule from '@slo-kit/plugin-slo-backend-module-datadog';
import {
  FakeDatadogServer,
  metricsApi,
  type RecordedRequest,
} from '@slo-kit/plugin-slo-backend-module-datadog/testUtils';
import prometheusModule from '@slo-kit/plugin-slo-backend-module-prometheus';
import {
  bucketEventQueries,
  parseEntitySlos,
} from '@slo-kit/plugin-slo-common';
import request from 'supertest';
import YAML from 'yaml';
import { sloPlugin } from '../plugin';
import { capturingRootLogger } from './__testUtils__/capturingRootLogger';
import {
  openApiOperations,
  operationUrl,
  type ApiOperation,
} from './__testUtils__/openApiOperations';
import {
  startFaultyProxy,
  type FaultAction,
  type FaultyProxy,
  type ProxiedRequest,
} from './__testUtils__/startFaultyProxy';

jest.setTimeout(120_000);

const T0 = 1_740_787_200; // 2025-03-01T00:00:00Z

/** Credentials in config; each must stay out of every answer, error and log. */
const SECRETS = {
  bearerToken: 'tok-5ecret-bearer-1a2b3c4d',
  headerValue: 'hdr-5ecret-apikey-4d5e6f7a',
  basicPassword: 'pw-5ecret-basic-7g8h9i0j',
  datadogApiKey: 'dd-5ecret-api-key-0k1l2m3n',
  datadogAppKey: 'dd-5ecret-app-key-4o5p6q7r',
};
const BASIC_AUTH = Buffer.from(`admin:${SECRETS.basicPassword}`).toString(
  'base64',
);
const ALL_SECRETS = [...Object.values(SECRETS), BASIC_AUTH];

/** Public endpoints, by path. Everything else must need credentials. */
const PUBLIC_PATHS = new Set(['/health']);

const alice = mockCredentials.user.header('user:default/alice');
const admin = mockCredentials.user.header('user:default/admin');
const service = mockCredentials.service.header();

const DD_SCOPE = 'service:checkout,env:prod';

const group = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default' },
  spec: { type: 'team', children: [] },
});
const component = (
  name: string,
  owner: string,
  annotations: Record<string, string>,
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', annotations },
  spec: { type: 'service', owner, lifecycle: 'production' },
});

let evilUrl = '';

/** Built once the stand-in servers know their ports. */
function catalogEntities(): Entity[] {
  return [
    component('checkout', 'group:default/payments', {
      'slo-kit.dev/slos': YAML.stringify([
        {
          name: 'availability',
          objective: 99.9,
          window: '1d',
          source: 'prom',
          sli: {
            ratio: {
              good: 'http_requests_total{service="checkout",code!~"5.."}',
              total: 'http_requests_total{service="checkout"}',
            },
          },
        },
        {
          name: 'latency',
          objective: 99,
          window: '1d',
          source: 'prom-basic',
          sli: {
            latency: {
              histogram: 'http_request_duration_seconds{service="checkout"}',
              threshold: 0.25,
            },
          },
        },
        {
          name: 'datadog-availability',
          objective: 99.5,
          window: '1d',
          source: 'dd',
          sli: {
            ratio: {
              badQuery: `sum:trace.http.request.errors{${DD_SCOPE}}.as_count().rollup(sum, {{window}})`,
              totalQuery: `sum:trace.http.request.hits{${DD_SCOPE}}.as_count().rollup(sum, {{window}})`,
            },
          },
        },
        // A source is a name from config, never a URL.
        {
          name: 'url-as-source',
          objective: 99,
          source: evilUrl,
          sli: { ratio: { good: 'ok_total', total: 'all_total' } },
        },
      ]),
    }),
    component('reco', 'group:default/payments', {
      'slo-kit.dev/openslo': 'https://git.example/reco/openslo.yaml',
    }),
    component('secret-service', 'group:default/security', {
      'slo-kit.dev/slos': YAML.stringify([
        {
          name: 'classified-availability',
          objective: 99.9,
          window: '1d',
          source: 'prom',
          sli: {
            ratio: {
              good: 'classified_requests_total{code!~"5.."}',
              total: 'classified_requests_total',
            },
          },
        },
      ]),
    }),
    group('payments'),
    group('security'),
  ];
}

/** An OpenSLO file that names its own data source with a URL. */
function openSloWithUrl(): string {
  return [
    YAML.stringify({
      apiVersion: 'openslo/v1',
      kind: 'DataSource',
      metadata: { name: 'evil-ds' },
      spec: {
        type: 'Prometheus',
        connectionDetails: { url: evilUrl, bearerToken: 'x' },
      },
    }),
    YAML.stringify({
      apiVersion: 'openslo/v1',
      kind: 'SLO',
      metadata: { name: 'reco-availability' },
      spec: {
        service: 'reco',
        budgetingMethod: 'Occurrences',
        timeWindow: [{ duration: '1d', isRolling: true }],
        objectives: [{ target: 0.99 }],
        indicator: {
          metadata: { name: 'reco' },
          spec: {
            ratioMetric: {
              counter: true,
              good: {
                metricSource: {
                  metricSourceRef: 'evil-ds',
                  type: 'Prometheus',
                  spec: { query: 'reco_ok_total' },
                },
              },
              total: {
                metricSource: {
                  metricSourceRef: 'evil-ds',
                  type: 'Prometheus',
                  spec: { query: 'reco_all_total' },
                },
              },
            },
          },
        },
      },
    }),
  ].join('---\n');
}

/** What the stand-ins hold that only `secret-service` may reveal. */
const HIDDEN_MARKERS = [
  'secret-service',
  'classified',
  'group:default/security',
];

/** The catalog's permission rule for the test: alice may not read the security team's things. */
function permissionedCatalog(entities: Entity[]) {
  const base = catalogServiceMock({ entities });
  const hidden = (credentials: BackstageCredentials, entity: Entity) => {
    const user = (credentials.principal as { userEntityRef?: string })
      .userEntityRef;
    return (
      user === 'user:default/alice' &&
      (entity.spec?.owner === 'group:default/security' ||
        stringifyEntityRef(entity) === 'group:default/security')
    );
  };
  type Options = { credentials: BackstageCredentials };
  return catalogServiceMock.mock({
    getEntityByRef: async (ref, options) => {
      const { credentials } = options as Options;
      const entity = await base.getEntityByRef(ref, { credentials });
      return entity && !hidden(credentials, entity) ? entity : undefined;
    },
    getEntities: async (req, options) => {
      const { credentials } = options as Options;
      const response = await base.getEntities(req, { credentials });
      return { items: response.items.filter(e => !hidden(credentials, e)) };
    },
    getEntitiesByRefs: async (req, options) => {
      const { credentials } = options as Options;
      const response = await base.getEntitiesByRefs(req, { credentials });
      return {
        items: response.items.map(e =>
          e && !hidden(credentials, e) ? e : undefined,
        ),
      };
    },
  });
}

/** A matrix answer with 10 events at every evaluation time. */
function matrix(form: URLSearchParams) {
  const start = Number(form.get('start'));
  const end = Number(form.get('end'));
  const step = Number(form.get('step'));
  const values: Array<[number, string]> = [];
  for (let t = start; t <= end; t += step) values.push([t, '10']);
  return {
    status: 'success',
    data: { resultType: 'matrix', result: [{ metric: {}, values }] },
  };
}

/** A header dump, as some proxies put in their error pages. */
const echoHeaders = (headers: Record<string, unknown>) =>
  Object.entries(headers)
    .map(([name, value]) => `${name}: ${String(value)}`)
    .join('; ');

/** Prometheus stand-in behaviours: good answers, then ways of echoing credentials. */
const PROMETHEUS_MODES: Record<string, (r: ProxiedRequest) => FaultAction> = {
  ok: r => ({
    kind: 'reply',
    status: 200,
    body: JSON.stringify(matrix(r.form)),
  }),
  'echo in a 500 page': r => ({
    kind: 'reply',
    status: 500,
    contentType: 'text/plain',
    body: `upstream failed for request with ${echoHeaders(r.headers)}`,
  }),
  'echo in a PromQL error': r => ({
    kind: 'reply',
    status: 400,
    body: JSON.stringify({
      status: 'error',
      errorType: 'bad_data',
      error: `invalid credentials ${echoHeaders(r.headers)}`,
    }),
  }),
  'echo in a 200 page': r => ({
    kind: 'reply',
    status: 200,
    contentType: 'text/html',
    body: `${String(r.headers.authorization)} ${String(
      r.headers['x-api-key'],
    )}`,
  }),
  'echo in a 401': r => ({
    kind: 'reply',
    status: 401,
    contentType: 'text/plain',
    body: `bad ${echoHeaders(r.headers)}`,
  }),
};

describe('security', () => {
  let prometheus: FaultyProxy;
  let datadog: FakeDatadogServer;
  let evil: FaultyProxy;
  let server: Parameters<typeof request>[0];
  let scheduler: SchedulerService;
  let logs: string[];
  let entities: Entity[];

  const collect = async () => scheduler.triggerTask('slo-collector');
  const sourceRequests = () =>
    prometheus.requests.length + datadog.requests.length + evil.requests.length;
  const get = (url: string, authorization = alice) =>
    request(server)
      .get(url)
      .set('Authorization', authorization)
      .timeout(10_000);

  beforeAll(async () => {
    prometheus = await startFaultyProxy(() => 'http://127.0.0.1:9');
    prometheus.fault = PROMETHEUS_MODES.ok;
    datadog = await FakeDatadogServer.start(
      metricsApi({
        [`sum:trace.http.request.errors{${DD_SCOPE}}.as_count()`]: () => 1,
        [`sum:trace.http.request.hits{${DD_SCOPE}}.as_count()`]: () => 1000,
      }),
    );
    // Anything that reaches it came from somewhere other than config.
    evil = await startFaultyProxy(() => 'http://127.0.0.1:9');
    evil.fault = r => ({
      kind: 'reply',
      status: 200,
      body: JSON.stringify(matrix(r.form)),
    });
    evilUrl = `${evil.url}/`;
    entities = catalogEntities();

    const urlReader = mockServices.urlReader.mock({
      readUrl: async (url: string) => {
        if (url !== 'https://git.example/reco/openslo.yaml') {
          throw new NotFoundError(`${url} does not exist`);
        }
        return {
          buffer: async () => Buffer.from(openSloWithUrl()),
        } as Awaited<ReturnType<typeof urlReader.readUrl>>;
      },
    });
    const logger = capturingRootLogger();
    logs = logger.lines;
    const keepScheduler = createBackendModule({
      pluginId: 'slo',
      moduleId: 'test-scheduler-handle',
      register(reg) {
        reg.registerInit({
          deps: { scheduler: coreServices.scheduler },
          async init(deps) {
            scheduler = deps.scheduler;
          },
        });
      },
    });
    ({ server } = await startTestBackend({
      features: [
        sloPlugin,
        prometheusModule,
        datadogModule,
        keepScheduler,
        logger.factory,
        urlReader.factory,
        permissionedCatalog(entities).factory,
        mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
        mockServices.rootConfig.factory({
          data: {
            app: { baseUrl: 'http://localhost:3000' },
            slo: {
              now: new Date(T0 * 1000).toISOString(),
              defaultSource: 'prom',
              collector: { backfillDays: 2, maxAttempts: 1 },
              sources: {
                // Batching off: the last check lists the exact query each SLO
                // definition gives alone. Batched queries are built from the
                // same definitions (batching.prometheus.test.ts proves them
                // equal to these, bucket for bucket).
                prometheus: {
                  prom: {
                    baseUrl: prometheus.url,
                    bearerToken: SECRETS.bearerToken,
                    headers: { 'X-Api-Key': SECRETS.headerValue },
                    batch: false,
                  },
                  'prom-basic': {
                    baseUrl: prometheus.url.replace(
                      'http://',
                      `http://admin:${SECRETS.basicPassword}@`,
                    ),
                    batch: false,
                  },
                },
                datadog: {
                  dd: {
                    site: 'datadoghq.eu',
                    apiKey: SECRETS.datadogApiKey,
                    applicationKey: SECRETS.datadogAppKey,
                    baseUrl: datadog.baseUrl,
                  },
                },
              },
            },
          },
        }),
      ],
    }));
    await collect();
  });

  afterAll(async () => {
    await Promise.all([prometheus?.close(), datadog?.close(), evil?.close()]);
  });

  /** Values of a walk over the API: one entity's SLO, or hostile text everywhere. */
  const valuesFor =
    (target: { ref: string; slo: string; group: string }) =>
    (parameter: ApiOperation['parameters'][number]) => {
      const [kind, rest] = target.ref.split(':');
      const [namespace, name] = rest.split('/');
      if (parameter.in === 'path') {
        return { kind, namespace, name }[parameter.name];
      }
      return {
        entityRef: target.ref,
        name: target.slo,
        group: target.group,
        // The deploy gate's required policy (docs/error-budget-policy.md).
        policy: 'budget-left>=0%',
      }[parameter.name];
    };
  const visible = {
    ref: 'component:default/checkout',
    slo: 'availability',
    group: 'group:default/payments',
  };
  const hidden = {
    ref: 'component:default/secret-service',
    slo: 'classified-availability',
    group: 'group:default/security',
  };

  it('collected what config and the catalog define, and refused sources named by URL', async () => {
    const res = await get('/api/slo/collector', admin);
    // checkout's three and the hidden one; the SLO whose source is a URL and
    // the OpenSLO one that brings its own data source are refused as problems.
    expect(res.body.lastRun).toMatchObject({ sloCount: 4, failedCount: 0 });
    const checkout = await get(
      '/api/slo/entities/component/default/checkout/problems',
    );
    expect(checkout.body.problems).toEqual([
      expect.objectContaining({
        path: '[3].source',
        message: expect.stringMatching(/source/),
      }),
    ]);
    const reco = await get('/api/slo/entities/component/default/reco/problems');
    expect(JSON.stringify(reco.body.problems)).toMatch(/evil-ds/);
  });

  it('every endpoint in openapi.yaml refuses calls without valid credentials', async () => {
    const operations = openApiOperations();
    expect(operations.map(o => o.operationId)).toEqual(
      expect.arrayContaining([
        'GetEntitySlos',
        'GetScorecard',
        'GetPrometheusRules',
      ]),
    );
    expect(operations.length).toBeGreaterThanOrEqual(8);
    for (const operation of operations) {
      const url = operationUrl(operation, valuesFor(visible));
      for (const authorization of [
        mockCredentials.none.header(),
        mockCredentials.user.invalidHeader(),
        mockCredentials.service.invalidHeader(),
      ]) {
        const res = await request(server)
          [operation.method as 'get'](url)
          .set('Authorization', authorization);
        const expected = PUBLIC_PATHS.has(operation.path) ? 200 : 401;
        expect({ url, status: res.status }).toEqual({ url, status: expected });
      }
    }
    // The public one tells nothing.
    const health = await request(server)
      .get('/api/slo/health')
      .set('Authorization', mockCredentials.none.header());
    expect(health.body).toEqual({ status: 'ok' });
  });

  it('a user sees SLOs only of entities the catalog lets them read (scorecard included)', async () => {
    const operations = openApiOperations();
    // Everything alice can ask for, about a visible and about a hidden entity.
    const seen: Array<{ url: string; status: number; body: string }> = [];
    for (const operation of operations) {
      for (const target of [visible, hidden]) {
        const url = operationUrl(operation, valuesFor(target));
        const res = await get(url, alice);
        seen.push({ url, status: res.status, body: res.text });
      }
    }
    expect(seen.filter(s => s.status !== 200 && s.status !== 404)).toEqual([]);
    // What the answers hold besides the caller's own words (a 404 repeats the ref asked for).
    // Error answers are read by their message: Backstage's error handler also
    // repeats the request's own URL there.
    const said = seen.map(({ url, status, body }) => {
      const text =
        status === 200
          ? body
          : (JSON.parse(body) as { error: { message: string } }).error.message;
      return {
        url,
        body: [hidden.ref, hidden.slo, hidden.group].reduce(
          (rest, asked) => rest.split(asked).join(''),
          text,
        ),
      };
    });
    for (const marker of HIDDEN_MARKERS) {
      const leaks = said.filter(s => s.body.includes(marker)).map(s => s.url);
      expect({ marker, leaks }).toEqual({ marker, leaks: [] });
    }
    // The hidden entity is reported as not found, in the same words as a missing one.
    const res = await get(
      '/api/slo/entities/component/default/secret-service/slos',
      alice,
    );
    expect(res.status).toBe(404);
    expect(res.body.error.message).toBe(
      'No entity component:default/secret-service in the catalog, or you may not read it. Check the ref (kind:namespace/name).',
    );
    // Control: someone allowed to read it sees it, so the sweep above can fail.
    const allowed = await get(
      '/api/slo/entities/component/default/secret-service/slos',
      admin,
    );
    expect(allowed.status).toBe(200);
    expect(allowed.text).toContain('classified_requests_total');
    const scorecard = await get('/api/slo/scorecard', admin);
    expect(scorecard.text).toContain('secret-service');
    expect(scorecard.text).toContain('group:default/security');
    const rules = await get('/api/slo/rules', admin);
    expect(rules.text).toContain('classified_requests_total');
  });

  it('no API parameter makes the backend query a source; sources get only what the catalog defines', async () => {
    const before = sourceRequests();
    const hostile = [
      'availability"} or vector(1) #',
      'sum(rate(evil_total[5m]))',
      'component:default/checkout{x="1"}',
      evilUrl,
      `${evilUrl}api/v1/query_range?query=up`,
      '{{window}}',
      '../../../../etc/passwd',
      "'; DROP TABLE slo_buckets; --",
    ];
    for (const operation of openApiOperations()) {
      for (const value of hostile) {
        // Each parameter hostile on its own, and all of them at once.
        const names = operation.parameters.map(p => p.name);
        for (const target of [...names, '*']) {
          const url = operationUrl(operation, parameter =>
            target === '*' || parameter.name === target
              ? value
              : valuesFor(visible)(parameter),
          );
          for (const authorization of [alice, service]) {
            const res = await get(url, authorization);
            expect({
              url,
              status: res.status,
              body: res.status >= 500 ? res.text : '',
            }).toEqual({ url, status: expect.any(Number), body: '' });
          }
        }
      }
    }
    expect(sourceRequests()).toBe(before);

    // A collection after all that asks the sources nothing new.
    await collect();
    const expected = new Set<string>();
    for (const entity of entities) {
      for (const slo of parseEntitySlos(entity).slos) {
        if (slo.source === 'prom' || slo.source === 'prom-basic') {
          // The backfill also asks the first bucket with data again, counted
          // from each series' first sample.
          for (const countFromFirstSample of [false, true]) {
            const q = bucketEventQueries(slo.sli, 300, {
              countFromFirstSample,
            });
            for (const query of [q.good, q.bad, q.total]) {
              if (query) expected.add(query);
            }
          }
        }
      }
    }
    const asked = new Set(
      prometheus.requests.map(r => r.form.get('query') ?? ''),
    );
    expect([...asked].sort()).toEqual([...expected].sort());
    const askedDatadog = new Set(
      datadog.requests.map((r: RecordedRequest) => r.query.query),
    );
    expect([...askedDatadog].sort()).toEqual([
      `sum:trace.http.request.errors{${DD_SCOPE}}.as_count().rollup(sum, 300)`,
      `sum:trace.http.request.hits{${DD_SCOPE}}.as_count().rollup(sum, 300)`,
    ]);
    // Source URLs come only from config: nothing ever reached the URL in the catalog.
    expect(evil.requests).toEqual([]);
    // Links into Prometheus name only the configured host, without credentials.
    const slos = await get('/api/slo/entities/component/default/checkout/slos');
    const links = (
      slos.body.slos as Array<{
        exploreUrl?: string;
        collection: { sourceType: string };
      }>
    )
      .filter(s => s.collection.sourceType === 'prometheus')
      .map(s => s.exploreUrl);
    expect(links).toHaveLength(2);
    for (const link of links) {
      expect(link?.startsWith(`${prometheus.url}/graph?`)).toBe(true);
    }
  });

  it.each(Object.keys(PROMETHEUS_MODES).filter(mode => mode !== 'ok'))(
    'source credentials never appear in answers, errors or logs: a source that echoes them %s',
    async mode => {
      prometheus.fault = PROMETHEUS_MODES[mode];
      datadog.handler = r => ({
        status: 500,
        body: { errors: [`upstream failed for ${echoHeaders(r.headers)}`] },
      });
      try {
        await collect();
      } finally {
        prometheus.fault = PROMETHEUS_MODES.ok;
      }
      // The failures were recorded (so the check below looks at real error messages).
      const slos = await get(
        '/api/slo/entities/component/default/checkout/slos',
      );
      const errors = slos.body.slos.map(
        (s: { collection: { lastError: string | null } }) =>
          s.collection.lastError,
      );
      expect(errors.filter(Boolean).length).toBeGreaterThanOrEqual(3);

      const answers: string[] = [];
      for (const operation of openApiOperations()) {
        for (const authorization of [alice, admin, service]) {
          const res = await get(
            operationUrl(operation, valuesFor(visible)),
            authorization,
          );
          answers.push(res.text);
        }
      }
      // The logs were captured: the collector's own line is there.
      expect(logs.some(line => line.includes('SLO collection:'))).toBe(true);
      const everything = [...answers, ...logs].join('\n');
      for (const secret of ALL_SECRETS) {
        const found = everything.includes(secret);
        expect({ secret, found }).toEqual({ secret, found: false });
      }
    },
  );
});

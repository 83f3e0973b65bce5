/**
 * The bad-input corpus against a real test backend: malformed, huge, deeply
 * nested and alias-bomb SLO annotations and OpenSLO files in the catalog,
 * and bad API parameters. Every answer is a clear 4xx or a validation
 * problem, arrives within 10 seconds, stays small, and the backend keeps
 * collecting and serving the good entity throughout.
 */
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import demoModule from '@slo-kit/plugin-slo-backend-module-demo';
import type {
  EntitySlosResponse,
  ValidationProblem,
} from '@slo-kit/plugin-slo-common';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import YAML from 'yaml';
import { sloPlugin } from '../plugin';

jest.setTimeout(180_000);

/** Each request must be answered at all within this; a stall fails the test. */
const ANSWER_WITHIN_MS = 10_000;
/** Largest answer about one hostile entity: its problems, never its input. */
const MAX_ANSWER_BYTES = 64 * 1024;

const NOW = '2025-03-01T00:00:00Z';
const GOOD_SLO = YAML.stringify([
  {
    name: 'availability',
    objective: 99.9,
    window: '1d',
    sli: {
      ratio: {
        good: 'http_requests_total{service="checkout",code!~"5.."}',
        total: 'http_requests_total{service="checkout"}',
      },
    },
  },
]);
const slo = (fields: Record<string, unknown>) =>
  YAML.stringify(
    [
      {
        name: 'availability',
        objective: 99.9,
        sli: { ratio: { good: 'ok_total', total: 'all_total' } },
        ...fields,
      },
    ],
    { lineWidth: 0 },
  );

/** One correction of the good SLO, with `fields` changed. */
const correction = (fields: Record<string, unknown>) =>
  YAML.stringify(
    [
      {
        name: 'maintenance',
        category: 'planned-maintenance',
        reason: 'Database upgrade',
        start: '2025-02-01T02:00:00Z',
        duration: '1h',
        ...fields,
      },
    ],
    { lineWidth: 0 },
  );

const aliasBomb = [
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  ...'bcdefghi'
    .split('')
    .map(
      (name, index) =>
        `${name}: &${name} [${Array(9)
          .fill(`*${'abcdefghi'[index]}`)
          .join(',')}]`,
    ),
].join('\n');
const SPACES = ' '.repeat(200_000);

const openSloDocument = YAML.stringify({
  apiVersion: 'openslo/v1',
  kind: 'SLO',
  metadata: { name: 'from-openslo' },
  spec: {
    service: 'x',
    budgetingMethod: 'Occurrences',
    timeWindow: [{ duration: '7d', isRolling: true }],
    objectives: [{ target: 0.99 }],
    indicator: {
      metadata: { name: 'x' },
      spec: {
        ratioMetric: {
          counter: true,
          good: {
            metricSource: { type: 'Prometheus', spec: { query: 'ok_total' } },
          },
          total: {
            metricSource: { type: 'Prometheus', spec: { query: 'all_total' } },
          },
        },
      },
    },
  },
});

/** OpenSLO files served by the mock UrlReader, by URL. */
const files: Record<string, string | Buffer> = {
  'https://git.example/huge.yaml': `# ${'x'.repeat(
    1024 * 1024,
  )}\n${openSloDocument}`,
  'https://git.example/bomb.yaml': aliasBomb,
  'https://git.example/deep.yaml': `${'['.repeat(50_000)}${']'.repeat(50_000)}`,
  'https://git.example/deep-block.yaml': `${'- '.repeat(60_000)}x`,
  'https://git.example/binary.yaml': Buffer.from(
    Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256),
  ),
  'https://git.example/many-documents.yaml': Array(250)
    .fill(openSloDocument)
    .join('---\n'),
  'https://git.example/padded-query.yaml': openSloDocument.replace(
    'query: ok_total',
    `query: "ok_total${SPACES}!"`,
  ),
  'https://git.example/not-openslo.yaml':
    'apiVersion: v1\nkind: ConfigMap\ndata: {}\n',
};

interface HostileCase {
  annotations: Record<string, unknown>;
  /** Some problem's message must match. */
  problem: RegExp;
  /** SLOs still read from the entity; default none. */
  slos?: number;
  extraAnnotations?: Record<string, string>;
}

let fileRoot = '';

const corpus: Record<string, HostileCase> = {
  'broken-yaml': {
    annotations: { 'slo-kit.dev/slos': '- name: [\n  objective: 99' },
    problem: /^YAML syntax error/,
  },
  'wrong-types': {
    annotations: {
      'slo-kit.dev/slos': slo({
        objective: 'ninety-nine',
        window: 'forever',
        sli: { ratio: { good: 5, total: ['x'] } },
      }),
    },
    problem: /objective must be a percentage/,
  },
  'not-text': {
    annotations: { 'slo-kit.dev/slos': 42 },
    problem: /Annotation values must be text/,
  },
  'huge-annotation': {
    annotations: {
      'slo-kit.dev/slos': `${slo({})}# ${'x'.repeat(5 * 1024 * 1024)}`,
    },
    problem: /KiB; at most 256 KiB is read/,
  },
  'deep-flow': {
    annotations: {
      'slo-kit.dev/slos': `${'['.repeat(100_000)}${']'.repeat(100_000)}`,
    },
    problem: /nests brackets deeper than 32 levels/,
  },
  'deep-block': {
    annotations: { 'slo-kit.dev/slos': `${'- '.repeat(100_000)}x` },
    problem: /nested deeper than 256 columns/,
  },
  'deep-mapping': {
    annotations: {
      'slo-kit.dev/slos': Array.from(
        { length: 60 },
        (_, depth) => `${'  '.repeat(depth)}k${depth}:`,
      ).join('\n'),
    },
    problem: /nests deeper than 32 levels/,
  },
  'alias-bomb': {
    annotations: { 'slo-kit.dev/slos': aliasBomb },
    problem: /alias bomb/,
  },
  'padded-objective': {
    annotations: { 'slo-kit.dev/slos': slo({ objective: `1${SPACES}x` }) },
    problem: /objective must be a percentage/,
  },
  'padded-selector': {
    annotations: {
      'slo-kit.dev/slos': slo({
        sli: { ratio: { good: `ok_total${SPACES}!`, total: 'all_total' } },
      }),
    },
    problem: /200000 whitespace characters in a row/,
  },
  'padded-threshold': {
    annotations: {
      'slo-kit.dev/slos': slo({
        sli: { latency: { histogram: 'h_seconds', threshold: `1${SPACES}x` } },
      }),
    },
    problem: /is not a positive number of seconds/,
  },
  'open-placeholders': {
    annotations: {
      'slo-kit.dev/slos': slo({
        sli: { ratio: { goodQuery: `{{${SPACES}x`, total: 'all_total' } },
      }),
    },
    problem: /whitespace characters in a row/,
  },
  'long-name': {
    annotations: { 'slo-kit.dev/slos': slo({ name: 'a'.repeat(200_000) }) },
    problem: /is not a valid name/,
  },
  'control-characters': {
    annotations: {
      'slo-kit.dev/slos': slo({ name: 'avail\u0000\u202eability\ud83d\udca5' }),
    },
    problem: /is not a valid name/,
  },
  'unknown-template': {
    annotations: {
      'slo-kit.dev/templates': YAML.stringify({
        'does-not-exist': { x: 'y'.repeat(100_000) },
      }),
    },
    problem: /does-not-exist/,
  },
  'many-slos': {
    annotations: {
      'slo-kit.dev/slos': Array.from(
        { length: 2000 },
        (_, i) =>
          `- name: s${i}\n  objective: 99\n  sli: {ratio: {good: a_total, total: b_total}}`,
      ).join('\n'),
    },
    problem: /declares 2000 SLOs; at most 100 are read/,
    slos: 100,
  },
  'openslo-huge': {
    annotations: { 'slo-kit.dev/openslo': 'https://git.example/huge.yaml' },
    problem: /could not be read: it is \d+ bytes; at most 262144 are read/,
  },
  'openslo-bomb': {
    annotations: { 'slo-kit.dev/openslo': 'https://git.example/bomb.yaml' },
    problem: /alias bomb/,
  },
  'openslo-deep': {
    annotations: { 'slo-kit.dev/openslo': 'https://git.example/deep.yaml' },
    problem: /nests brackets deeper than 32 levels/,
  },
  'openslo-deep-block': {
    annotations: {
      'slo-kit.dev/openslo': 'https://git.example/deep-block.yaml',
    },
    problem: /nested deeper than 256 columns/,
  },
  'openslo-binary': {
    annotations: { 'slo-kit.dev/openslo': 'https://git.example/binary.yaml' },
    problem: /./,
  },
  'openslo-many-documents': {
    annotations: {
      'slo-kit.dev/openslo': 'https://git.example/many-documents.yaml',
    },
    problem: /documents; at most 200 are read/,
  },
  'openslo-padded-query': {
    annotations: {
      'slo-kit.dev/openslo': 'https://git.example/padded-query.yaml',
    },
    problem: /200000 whitespace characters in a row/,
  },
  'openslo-not-openslo': {
    annotations: {
      'slo-kit.dev/openslo': 'https://git.example/not-openslo.yaml',
    },
    problem: /is not (read here|an OpenSLO kind|an OpenSLO version)/,
  },
  'openslo-missing': {
    annotations: { 'slo-kit.dev/openslo': 'https://git.example/missing.yaml' },
    problem: /could not be read/,
  },
  'openslo-too-many-files': {
    annotations: {
      'slo-kit.dev/openslo': Array.from(
        { length: 500 },
        (_, i) => `https://git.example/missing-${i}.yaml`,
      ).join('\n'),
    },
    problem: /lists 500 files; at most 20 are read/,
  },
  'openslo-outside-the-catalog-folder': {
    annotations: { 'slo-kit.dev/openslo': '../../../../../etc/passwd.yaml' },
    extraAnnotations: {
      'backstage.io/managed-by-location': 'file:CATALOG_ROOT/catalog-info.yaml',
    },
    problem:
      /^The OpenSLO file (\.\.\/)+etc\/passwd\.yaml could not be read: it lies outside the folder of the entity's catalog file\./,
  },
  // Corrections: the SLO is still read, the broken correction is reported and excludes nothing.
  'correction-ends-before-start': {
    annotations: {
      'slo-kit.dev/slos': GOOD_SLO,
      'slo-kit.dev/corrections': correction({ start: '2025-02-01T02:00:00Z', duration: undefined, end: '2025-02-01T01:00:00Z' }),
    },
    problem: /ends at 2025-02-01T01:00:00Z, before its start 2025-02-01T02:00:00Z/,
    slos: 1,
  },
  'correction-10000-recurrences': {
    annotations: {
      'slo-kit.dev/slos': GOOD_SLO,
      'slo-kit.dev/corrections': correction({ rrule: 'FREQ=DAILY;COUNT=10000' }),
    },
    problem: /gives 10,000 occurrences; a correction may have at most 1,000/,
    slos: 1,
  },
  'correction-unknown-slo': {
    annotations: {
      'slo-kit.dev/slos': GOOD_SLO,
      'slo-kit.dev/corrections': correction({ slos: ['availabilty'] }),
    },
    problem: /No SLO named "availabilty" was read from this entity.*Did you mean "availability"/,
    slos: 1,
  },
  'correction-bad-data-in-the-future': {
    annotations: {
      'slo-kit.dev/slos': GOOD_SLO,
      'slo-kit.dev/corrections': correction({ category: 'bad-data', start: '2025-06-01T00:00:00Z' }),
    },
    problem: /starts in the future .*only planned-maintenance may be declared ahead/,
    slos: 1,
  },
  'correction-malformed-rrule': {
    annotations: {
      'slo-kit.dev/slos': GOOD_SLO,
      'slo-kit.dev/corrections': correction({ rrule: `FREQ=DAILY;${'BYDAY=MO;'.repeat(10_000)}` }),
    },
    problem: /recurrence rule is longer than 200 characters/,
    slos: 1,
  },
  'correction-unknown-zone': {
    annotations: {
      'slo-kit.dev/slos': GOOD_SLO,
      'slo-kit.dev/corrections': correction({ timeZone: 'Mars/Olympus_Mons' }),
    },
    problem: /"Mars\/Olympus_Mons" is not a known IANA time zone/,
    slos: 1,
  },
  'correction-1000-corrections': {
    annotations: {
      'slo-kit.dev/slos': GOOD_SLO,
      'slo-kit.dev/corrections': Array.from(
        { length: 1000 },
        (_, i) => `- {name: c${i}, category: bad-data, reason: r, start: "2025-01-01T00:00:00Z", duration: 1h}`,
      ).join('\n'),
    },
    problem: /declares 1000 corrections; at most 100 are read/,
    slos: 1,
  },
  'openslo-other-scheme': {
    annotations: { 'slo-kit.dev/openslo': 'ftp://git.example/slo.yaml' },
    problem: /uses a scheme that is not read/,
  },
};

function component(name: string, annotations: Record<string, unknown>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: annotations as Record<string, string>,
    },
    spec: {
      type: 'service',
      owner: 'group:default/payments',
      lifecycle: 'production',
    },
  };
}

describe('bad input', () => {
  let server: Parameters<typeof request>[0];

  /** A GET that must answer within the bound. */
  const get = (url: string) =>
    request(server).get(url).timeout(ANSWER_WITHIN_MS);

  beforeAll(async () => {
    fileRoot = await fs.mkdtemp(path.join(os.tmpdir(), 'slo-bad-input-'));
    const entities: Entity[] = [
      component('checkout', { 'slo-kit.dev/slos': GOOD_SLO }),
      ...Object.entries(corpus).map(([name, c]) =>
        component(name, {
          ...c.annotations,
          ...Object.fromEntries(
            Object.entries(c.extraAnnotations ?? {}).map(([k, v]) => [
              k,
              v.replace('CATALOG_ROOT', fileRoot),
            ]),
          ),
        }),
      ),
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Group',
        metadata: { name: 'payments', namespace: 'default' },
        spec: { type: 'team', children: [] },
      },
    ];
    const urlReader = mockServices.urlReader.mock({
      readUrl: async (url: string) => {
        const content = files[url];
        if (content === undefined) {
          throw new NotFoundError(`${url} does not exist`);
        }
        return {
          buffer: async () => Buffer.from(content),
        } as Awaited<ReturnType<typeof urlReader.readUrl>>;
      },
    });
    ({ server } = await startTestBackend({
      features: [
        sloPlugin,
        demoModule,
        urlReader.factory,
        catalogServiceMock.factory({ entities }),
        mockServices.scheduler.factory({
          includeInitialDelayedTasksOnStartup: true,
        }),
        mockServices.rootConfig.factory({
          data: {
            slo: {
              now: NOW,
              defaultSource: 'demo',
              collector: { backfillDays: 2 },
            },
          },
        }),
      ],
    }));
    // The collection cycle over the whole corpus must finish.
    for (let i = 0; i < 600; i++) {
      const res = await get('/api/slo/collector');
      if (res.body.lastRun) return;
      await new Promise(resolve => setTimeout(resolve, 100));
    }
    throw new Error('The collector did not finish a cycle');
  });

  afterAll(async () => {
    await fs.rm(fileRoot, { recursive: true, force: true });
  });

  it('collected the good SLO despite the corpus', async () => {
    const res = await get('/api/slo/collector');
    // The good SLO, the hundred the many-slos entity is allowed, and the good SLO of each of the 7 entities with a broken correction.
    expect(res.body.lastRun).toMatchObject({ sloCount: 108, failedCount: 0 });
  });

  it.each(Object.entries(corpus))(
    '%s: answered with a validation problem, quickly and briefly',
    async (name, c) => {
      for (const what of ['slos', 'problems']) {
        const res = await get(
          `/api/slo/entities/component/default/${name}/${what}`,
        );
        expect({ what, status: res.status }).toEqual({ what, status: 200 });
        const body = res.body as EntitySlosResponse;
        // The problems endpoint has no SLOs; the SLOs endpoint those that are read.
        expect(body.slos?.length ?? 0).toBe(what === 'slos' ? c.slos ?? 0 : 0);
        const messages = body.problems.map((p: ValidationProblem) => p.message);
        expect(messages).toContainEqual(expect.stringMatching(c.problem));
        // Problems, and the SLOs that are read, never the input itself.
        expect(res.text.length).toBeLessThan(
          MAX_ANSWER_BYTES + (c.slos ?? 0) * 4096,
        );
      }
    },
  );

  const ref = 'entityRef=component:default/checkout&name=availability';
  const badRequests: Array<[string, number, RegExp]> = [
    [
      '/api/slo/entities/component/default/nope/slos',
      404,
      /No entity component:default\/nope in the catalog, or you may not read it/,
    ],
    [
      '/api/slo/entities/component/default/nope/problems',
      404,
      /No entity component:default\/nope/,
    ],
    [
      `/api/slo/entities/component/default/${'x'.repeat(5000)}/slos`,
      400,
      /^Invalid entity name "x{60}…" in the path: a name is 1 to 63 letters/,
    ],
    [
      '/api/slo/entities/component/default/%F0%9F%98%80/problems',
      400,
      /^Invalid entity name "😀" in the path: a name is 1 to 63 letters, digits, "-", "_" or "\."/,
    ],
    [
      '/api/slo/entities/component/default/check%00out/problems',
      400,
      /^Invalid entity name "check\\u0000out" in the path/,
    ],
    [
      '/api/slo/entities/component/default/a%00b/slos',
      400,
      /^Invalid entity name "a\\u0000b" in the path/,
    ],
    ['/api/slo/entities/component/%E0%A4%A/x/slos', 400, /./],
    [
      '/api/slo/entities/http%3A%2F%2Fevil/default/checkout/slos',
      400,
      /Invalid entity kind "http:\/\/evil" in the path: a kind is 1 to 63 letters or digits, beginning with a letter/,
    ],
    [
      '/api/slo/entities/component/default/a%2Fb/problems',
      400,
      /Invalid entity name "a\/b" in the path/,
    ],
    ['/api/slo/slos/series', 400, /entityRef/],
    [
      '/api/slo/slos/series?entityRef=checkout&name=availability',
      400,
      /Invalid "entityRef": "checkout"\. Use an entity ref kind:namespace\/name/,
    ],
    ['/api/slo/slos/series?entityRef=component:default/checkout', 400, /name/],
    [
      `/api/slo/slos/series?entityRef=${encodeURIComponent(
        'component:default/😀',
      )}&name=availability`,
      400,
      /^Invalid "entityRef": "component:default\/😀": "😀" is not a valid entity name/,
    ],
    [
      '/api/slo/slos/series?entityRef=component:default/checkout&name=nope',
      404,
      /has no SLO named "nope"\. Its SLOs are "availability"/,
    ],
    [
      `/api/slo/slos/series?${ref}&objective=nope`,
      404,
      /has no objective named "nope"\. Its one objective \(99\.9%\) has no name: leave "objective" out, or pass it empty\./,
    ],
    [
      `/api/slo/slos/series?${ref}&from=yesterday`,
      400,
      /Invalid "from": "yesterday"\. Use epoch seconds/,
    ],
    [
      `/api/slo/slos/series?${ref}&to=2025-13-45`,
      400,
      /Invalid "to": "2025-13-45"/,
    ],
    [`/api/slo/slos/series?${ref}&from=1e400`, 400, /Invalid "from"/],
    [
      `/api/slo/slos/series?${ref}&from=1740787200&to=1740700800`,
      400,
      /"from" \(1740787200\) must be before "to" \(1740700800\)/,
    ],
    [
      `/api/slo/slos/series?${ref}&from=1740787200&to=1740787200`,
      400,
      /must be before "to"/,
    ],
    [
      `/api/slo/slos/series?${ref}&from=0&to=1740787200`,
      400,
      /longer than the 400 days a series may span/,
    ],
    [
      `/api/slo/slos/series?${ref}&from=0&to=99999999999999999999`,
      400,
      /^Invalid "to": "99999999999999999999"\. Use epoch seconds/,
    ],
    [
      `/api/slo/slos/series?${ref}&to=100000000000000000000000`,
      400,
      /^Invalid "to": "100000000000000000000000"\. Use epoch seconds/,
    ],
    [
      `/api/slo/slos/series?${ref}&to=1`,
      400,
      /^Invalid range: "from" defaults to the SLO's window \(1d\) before "to" \(1\), which is before 1970/,
    ],
    [
      `/api/slo/slos/series?${ref}&to=4102444800`,
      400,
      /^Invalid range: "to" \(4102444800, 2100-01-01T00:00:00\.000Z\) is after now \(1740787200, /,
    ],
    [
      `/api/slo/slos/series?${ref}&from=99999999999`,
      400,
      /Invalid range: "from" \(99999999999\) must be before "to" \(1740787200\), which defaults to now/,
    ],
    [
      `/api/slo/slos/series?${ref}&from=1`,
      400,
      /Invalid range: 20148 days is longer than the 400 days/,
    ],
    [
      `/api/slo/slos/series?${ref}&maxPoints=0`,
      400,
      /Invalid "maxPoints": "0"\. Use a whole number from 1 to 1000/,
    ],
    [`/api/slo/slos/series?${ref}&maxPoints=1000000`, 400, /maxPoints/],
    [`/api/slo/slos/series?${ref}&maxPoints=-5`, 400, /maxPoints/],
    [`/api/slo/slos/series?${ref}&maxPoints=abc`, 400, /maxPoints/],
    [`/api/slo/slos/series?${ref}&name=other`, 400, /name/],
    [`/api/slo/slos/history?${ref}&period=year`, 400, /period/],
    [
      `/api/slo/slos/history?${ref}&count=0`,
      400,
      /Invalid "count": "0"\. Use a whole number from 1 to 60/,
    ],
    [`/api/slo/slos/history?${ref}&count=61`, 400, /count/],
    [`/api/slo/slos/history?${ref}&count=9999999999999999999999`, 400, /count/],
    ['/api/slo/scorecard?group=:::', 400, /Invalid "group"/],
    [
      '/api/slo/scorecard?group=group:default/nope',
      404,
      /No group group:default\/nope in the catalog/,
    ],
    ['/api/slo/rules?entityRef=:::', 400, /Invalid "entityRef": ":::"/],
    [
      '/api/slo/rules?entityRef=a:b:c/d/e',
      400,
      /^Invalid "entityRef": "a:b:c\/d\/e": "b:c" is not a valid entity namespace/,
    ],
    [
      `/api/slo/rules?entityRef=${encodeURIComponent('component:default/😀')}`,
      400,
      /^Invalid "entityRef": "component:default\/😀": "😀" is not a valid entity name/,
    ],
    [
      '/api/slo/rules?entityRef=component:default/nope',
      404,
      /No entity component:default\/nope/,
    ],
    ['/api/slo/nope', 404, /^$/],
    [`/api/slo/scorecard?group=${'g'.repeat(100_000)}`, 431, /^$/],
  ];

  // Titles shortened: some paths are 100,000 characters long.
  const titled = badRequests.map(
    ([url, status, message]) =>
      [
        url.length > 120 ? `${url.slice(0, 117)}...` : url,
        status,
        url,
        message,
      ] as const,
  );
  it.each(titled)(
    'GET %s → %i with a clear message',
    async (_title, status, url, message) => {
      const res = await get(url);
      expect({ url: url.slice(0, 100), status: res.status }).toEqual({
        url: url.slice(0, 100),
        status,
      });
      // 431 (headers too large) and a path no route knows are answered
      // before any router, without a body.
      const bodiless = status === 431 || url === '/api/slo/nope';
      expect(bodiless ? '' : res.body.error?.message).toMatch(message);
      // Messages, not internals.
      expect(res.body.error?.stack).toBeUndefined();
      expect(res.text).not.toMatch(/at .*\.(ts|js):\d+/);
    },
  );

  it('answers a method the API does not have with 405, and a 5 MB body with 413', async () => {
    const post = await request(server)
      .post('/api/slo/scorecard')
      .timeout(ANSWER_WITHIN_MS);
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe('GET, HEAD');
    expect(post.body.error.message).toBe(
      'POST is not served at /scorecard; the SLO API only reads: use GET.',
    );
    const large = await get('/api/slo/entities/component/default/checkout/slos')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ padding: 'x'.repeat(5 * 1024 * 1024) }));
    expect(large.status).toBe(413);
    expect(large.body.error.message).toMatch(
      /^The request has a body of 5242894 bytes; the SLO API reads no request body/,
    );
  });

  it('a rules request naming one entity 300 times answers in time', async () => {
    const res = await get(
      `/api/slo/rules?${Array(300)
        .fill('entityRef=component:default/checkout')
        .join('&')}`,
    );
    expect(res.status).toBe(200);
    // One group of rules: Prometheus refuses a file that repeats a group name.
    expect(
      res.text.match(/name: slo:component:default\/checkout\/availability$/gm),
    ).toHaveLength(1);
  });

  it('still serves the good entity and the scorecard afterwards', async () => {
    expect((await get('/api/slo/health')).status).toBe(200);
    const slos = await get('/api/slo/entities/component/default/checkout/slos');
    expect(slos.status).toBe(200);
    expect(slos.body.slos[0].evaluations[0].dataState).toBe('ok');
    const scorecard = await get('/api/slo/scorecard');
    expect(scorecard.status).toBe(200);
    expect(
      scorecard.body.slos.map((s: { entityRef: string }) => s.entityRef),
    ).toContain('component:default/checkout');
  });
});

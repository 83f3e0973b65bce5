/**
 * Composite SLOs against Debian's Prometheus loaded with counts known
 * exactly: a composite over three services' availability SLOs must equal the
 * pooled ground truth (`events`: every event of every member) and the
 * weighted mean of the members' true SLIs (`weighted`), for 30-day, 7-day
 * and calendar-month windows, now, per period and along the series; the
 * exported rules must record the burn the portal shows; and a member the
 * caller may not read must count in every figure while its name and numbers
 * appear in no answer.
 */
import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import { mockCredentials } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  DEMO_END,
  exactnessScenarioSpec,
  generateScenario,
} from '@internal/prometheus-fixture';
import {
  parseDuration,
  type CompositeSloStatus,
  type EntityCompositesResponse,
  type SloHistoryResponse,
  type SloSeriesResponse,
} from '@slo-kit/plugin-slo-common';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Server } from 'node:http';
import request from 'supertest';
import YAML from 'yaml';
import { main } from '../cli/main';
import {
  openApiOperations,
  operationUrl,
} from '../reliability/__testUtils__/openApiOperations';
import {
  prometheusAppConfig,
  startSloBackend,
  useRealPrometheus,
} from '../__testUtils__/realPrometheus';

jest.setTimeout(300_000);

/** 22:40, the day before the data ends: on a 5-minute bucket, not on the hour. */
const AT = DEMO_END - 80 * 60;
const DAY = 86400;
const OBJECTIVE = 0.995;
/** The third service, owned by a team alice may not see. */
const HIDDEN = 'vault-ledger';
const SERVICES = ['checkout', 'late-service', HIDDEN];
const WEIGHTS: Record<string, number> = {
  checkout: 2,
  'late-service': 1,
  [HIDDEN]: 1.5,
};
const WINDOWS = ['30d', '7d', 'month'];
/** 2026-11-01T00:00:00Z: where the calendar month of AT starts. */
const MONTH_START = Date.UTC(2026, 10, 1) / 1000;
const windowStart = (window: string) =>
  window === 'month' ? MONTH_START : AT - parseDuration(window)!;

const service = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    namespace: 'default',
    annotations: {
      'slo-kit.dev/slos': YAML.stringify(
        WINDOWS.map(window => ({
          name: `availability-${window}`,
          objective: 99.9,
          window,
          // The hidden one counts bad events, the others good ones.
          sli: {
            ratio:
              name === HIDDEN
                ? {
                    bad: `http_requests_total{service="${name}",code=~"5.."}`,
                    total: `http_requests_total{service="${name}"}`,
                  }
                : {
                    good: `http_requests_total{service="${name}",code!~"5.."}`,
                    total: `http_requests_total{service="${name}"}`,
                  },
          },
        })),
      ),
    },
  },
  spec: {
    type: 'service',
    owner:
      name === HIDDEN ? 'group:default/security' : 'group:default/payments',
    lifecycle: 'production',
  },
});

const team = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default' },
  spec: { type: 'team', children: [] },
});

const system: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: {
    name: 'shop',
    namespace: 'default',
    annotations: {
      'slo-kit.dev/composite-slos': YAML.stringify(
        WINDOWS.flatMap(window =>
          (['events', 'weighted'] as const).map(semantics => ({
            name: `journey-${semantics}-${window}`,
            objective: OBJECTIVE * 100,
            window,
            semantics,
            members: SERVICES.map(name => ({
              slo: `component:default/${name}/availability-${window}`,
              weight: WEIGHTS[name],
            })),
          })),
        ),
      ),
    },
  },
  spec: { owner: 'group:default/payments' },
};

const ENTITIES = [
  ...SERVICES.map(service),
  system,
  team('payments'),
  team('security'),
];

/** The catalog's permission rule: alice may not read the security team's things. */
function permissionedCatalog() {
  const base = catalogServiceMock({ entities: ENTITIES });
  const hidden = (credentials: BackstageCredentials, entity: Entity) =>
    (credentials.principal as { userEntityRef?: string }).userEntityRef ===
      'user:default/alice' &&
    (entity.spec?.owner === 'group:default/security' ||
      stringifyEntityRef(entity) === 'group:default/security');
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

const ALICE = 'user:default/alice';

const relativeError = (actual: number | null | undefined, expected: number) =>
  actual === null || actual === undefined
    ? Infinity
    : Math.abs(actual - expected) / Math.max(Math.abs(expected), 1e-300);

/** `yarn slo rules` over `entities`: the rule file it prints. */
async function cliRules(entities: Entity[]): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'slo-cli-rules-'));
  try {
    const file = path.join(dir, 'catalog-info.yaml');
    await fs.writeFile(
      file,
      entities.map(entity => YAML.stringify(entity)).join('---\n'),
    );
    let out = '';
    let err = '';
    const code = await main(['rules', file], {
      out: text => (out += text),
      err: text => (err += text),
      cwd: dir,
    });
    if (code !== 0) throw new Error(`slo rules exited ${code}: ${err}`);
    return out;
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

describe('composite SLOs against a real Prometheus', () => {
  const spec = exactnessScenarioSpec();
  const scenario = generateScenario({
    ...spec,
    services: [
      ...spec.services,
      {
        name: HIDDEN,
        requestsPerMinute: 180,
        errorRate: 0.004,
        medianLatencySeconds: 0.12,
      },
    ],
  });
  const truth = scenario.groundTruth;
  const prometheus = useRealPrometheus(scenario);
  let server: Server;

  const events = (name: string, start: number, end = AT) =>
    truth.events(`${name}:availability`, start, end);
  const pooled = (start: number, end = AT) =>
    SERVICES.map(name => events(name, start, end)).reduce((sum, e) => ({
      good: sum.good + e.good,
      total: sum.total + e.total,
    }));
  const weightedSli = (start: number, end = AT) => {
    let weighted = 0;
    let weights = 0;
    for (const name of SERVICES) {
      const e = events(name, start, end);
      if (e.total === 0) continue;
      weighted += (WEIGHTS[name] * e.good) / e.total;
      weights += WEIGHTS[name];
    }
    return weighted / weights;
  };
  const get = (url: string, user?: string) => {
    const call = request(server).get(url);
    return user
      ? call.set('Authorization', mockCredentials.user.header(user))
      : call;
  };
  const composites = async (user?: string) => {
    const res = await get(
      '/api/slo/entities/system/default/shop/composites',
      user,
    );
    expect(res.status).toBe(200);
    const body = res.body as EntityCompositesResponse;
    expect(body.problems).toEqual([]);
    return new Map(body.composites.map(c => [c.name, c]));
  };

  beforeAll(async () => {
    server = await startSloBackend(
      ENTITIES,
      prometheusAppConfig(prometheus.url, { now: AT, backfillDays: 35 }),
      { catalog: permissionedCatalog().factory },
    );
  });

  it("pools events exactly and weights the members' true SLIs: 30d, 7d and the calendar month", async () => {
    const byName = await composites();
    expect(byName.size).toBe(6);
    let checked = 0;
    for (const window of WINDOWS) {
      const start = windowStart(window);
      const pooledComposite = byName.get(`journey-events-${window}`)!;
      const evaluation = pooledComposite.evaluation!;
      const truthWindow = pooled(start);
      expect({
        window,
        at: evaluation.at,
        windowStart: evaluation.windowStart,
        good: evaluation.good,
        total: evaluation.total,
      }).toEqual({
        window,
        at: AT,
        windowStart: start,
        good: truthWindow.good,
        total: truthWindow.total,
      });
      expect(
        relativeError(evaluation.sli, truthWindow.good / truthWindow.total),
      ).toBeLessThanOrEqual(1e-9);
      const trueRemaining =
        1 -
        (truthWindow.total - truthWindow.good) /
          (truthWindow.total * (1 - OBJECTIVE));
      expect(
        relativeError(evaluation.errorBudget.remainingFraction, trueRemaining),
      ).toBeLessThanOrEqual(1e-9);
      for (const [label, rate] of Object.entries(evaluation.burnRates)) {
        const e = pooled(AT - parseDuration(label)!);
        const trueRate = (e.total - e.good) / e.total / (1 - OBJECTIVE);
        expect({
          window,
          label,
          exact: relativeError(rate, trueRate) <= 1e-9,
        }).toEqual({ window, label, exact: true });
        checked++;
      }
      // Each member's share of the bad events.
      const bad = truthWindow.total - truthWindow.good;
      pooledComposite.members.forEach((member, i) => {
        const e = events(SERVICES[i], start);
        expect(
          member.visible &&
            relativeError(member.badShare, (e.total - e.good) / bad),
        ).toBeLessThanOrEqual(1e-9);
      });

      const weighted = byName.get(`journey-weighted-${window}`)!.weighted!;
      expect(weighted.windowStart).toBe(start);
      expect(
        relativeError(weighted.sli, weightedSli(start)),
      ).toBeLessThanOrEqual(1e-9);
      expect(
        relativeError(
          weighted.errorBudgetRemaining,
          1 - (1 - weightedSli(start)) / (1 - OBJECTIVE),
        ),
      ).toBeLessThanOrEqual(1e-9);
      for (const [label, rate] of Object.entries(weighted.burnRates)) {
        const trueRate =
          (1 - weightedSli(AT - parseDuration(label)!)) / (1 - OBJECTIVE);
        expect({
          window,
          label,
          exact: relativeError(rate, trueRate) <= 1e-9,
        }).toEqual({ window, label, exact: true });
        checked++;
      }
    }
    // 3 windows × 2 semantics × (8 alert windows, some shared, and the 1h "burn now").
    expect(checked).toBeGreaterThanOrEqual(36);
    // late-service started 20 days before the data ends: its 30-day SLO is
    // partial, and so are the composites over it; over 7 days all are whole.
    expect(byName.get('journey-events-30d')!.partialMembers).toEqual([
      'component:default/late-service/availability-30d',
    ]);
    expect(byName.get('journey-events-30d')!.dataState).toBe('partial');
    expect(byName.get('journey-events-7d')!.dataState).toBe('ok');
  });

  it('serves history month by month and week by week, and series, exactly for both semantics', async () => {
    for (const window of WINDOWS) {
      // Two months (the data starts on 2026-10-16) and three weeks.
      for (const [period, count] of [
        ['month', 2],
        ['week', 3],
      ] as const) {
        for (const semantics of ['events', 'weighted']) {
          const res = await get(
            `/api/slo/composites/history?entityRef=system:default/shop&name=journey-${semantics}-${window}&period=${period}&count=${count}`,
          );
          expect(res.status).toBe(200);
          const periods = (res.body as SloHistoryResponse).periods;
          expect(periods).toHaveLength(count);
          for (const p of periods) {
            const end = Math.min(p.end, AT);
            const e = pooled(p.start, end);
            const sli =
              semantics === 'events'
                ? e.good / e.total
                : weightedSli(p.start, end);
            expect({
              window,
              semantics,
              label: p.label,
              good: p.good,
              total: p.total,
            }).toEqual({
              window,
              semantics,
              label: p.label,
              ...e,
            });
            expect({
              window,
              semantics,
              label: p.label,
              exact: relativeError(p.sli, sli) <= 1e-9,
              verdict: p.verdict,
            }).toEqual({
              window,
              semantics,
              label: p.label,
              exact: true,
              verdict: sli >= OBJECTIVE ? 'met' : 'missed',
            });
          }
        }
      }
      // The series over the last day: each point's events, its window's
      // attainment and its span's burn.
      for (const semantics of ['events', 'weighted']) {
        const res = await get(
          `/api/slo/composites/series?entityRef=system:default/shop&name=journey-${semantics}-${window}&from=${
            AT - DAY
          }&to=${AT}&maxPoints=24`,
        );
        expect(res.status).toBe(200);
        const points = (res.body as SloSeriesResponse).points;
        expect(points.length).toBeGreaterThanOrEqual(12);
        for (const point of points) {
          const span = pooled(point.from, point.t);
          const start =
            window === 'month' ? MONTH_START : point.t - parseDuration(window)!;
          const windowEvents = pooled(start, point.t);
          const sli =
            semantics === 'events'
              ? windowEvents.good / windowEvents.total
              : weightedSli(start, point.t);
          const spanSli =
            semantics === 'events'
              ? span.good / span.total
              : weightedSli(point.from, point.t);
          expect({ t: point.t, good: point.good, total: point.total }).toEqual({
            t: point.t,
            ...span,
          });
          expect({
            window,
            semantics,
            t: point.t,
            sli: relativeError(point.sli, sli) <= 1e-9,
            burn:
              relativeError(point.burnRate, (1 - spanSli) / (1 - OBJECTIVE)) <=
              1e-9,
          }).toEqual({ window, semantics, t: point.t, sli: true, burn: true });
        }
      }
    }
  });

  it("exports rules whose recorded error ratio is the portal's burn over every window, from the API and the CLI alike", async () => {
    const byName = await composites();
    const res = await get('/api/slo/rules?entityRef=system:default/shop');
    expect(res.status).toBe(200);
    const file = YAML.parse(res.text) as {
      groups: Array<{
        name: string;
        rules: Array<{
          record?: string;
          expr: string;
          labels: Record<string, string>;
        }>;
      }>;
    };
    // Every events composite, and no weighted one.
    expect(file.groups.map(g => g.name)).toEqual(
      WINDOWS.map(w => `slo:system:default/shop/journey-events-${w}`),
    );
    expect(res.text).toContain(
      '# composite system:default/shop/journey-weighted-30d: not exported: weighted composites are not exported',
    );
    // The CLI writes the same groups for the same catalog.
    const cli = YAML.parse(await cliRules(ENTITIES));
    for (const group of file.groups) {
      expect(
        cli.groups.find((g: { name: string }) => g.name === group.name),
      ).toEqual(group);
    }
    let checked = 0;
    for (const group of file.groups) {
      const name = group.name.split('/').pop()!;
      const burnRates = (byName.get(name) as CompositeSloStatus).evaluation!
        .burnRates;
      const records = group.rules.filter(r => r.record);
      expect(records.length).toBeGreaterThanOrEqual(6);
      for (const rule of records) {
        const label = rule.record!.replace('slo:error_ratio:', '');
        // What Prometheus records when it evaluates the rule at AT.
        const answer = await fetch(`${prometheus.url}/api/v1/query`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ query: rule.expr, time: String(AT) }),
        });
        const body = (await answer.json()) as {
          status: string;
          data: { result: Array<{ value: [number, string] }> };
        };
        expect(body.status).toBe('success');
        expect(body.data.result).toHaveLength(1);
        const recordedBurn =
          Number(body.data.result[0].value[1]) / (1 - OBJECTIVE);
        const e = pooled(AT - parseDuration(label)!);
        const trueBurn = (e.total - e.good) / e.total / (1 - OBJECTIVE);
        expect({
          group: group.name,
          label,
          portal: relativeError(recordedBurn, burnRates[label]!) <= 1e-9,
          truth: relativeError(recordedBurn, trueBurn) <= 1e-9,
        }).toEqual({ group: group.name, label, portal: true, truth: true });
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(18);
  });

  it('hides a member alice may not read from every answer, while the figures count it', async () => {
    const asAlice = await composites(ALICE);
    const asAdmin = await composites('user:default/admin');
    // The same figures, every member's events in them.
    for (const [name, composite] of asAdmin) {
      const seen = asAlice.get(name)!;
      // All but the hidden member's own SLI (`memberSlis`).
      const withoutMembers = (c: CompositeSloStatus) =>
        c.weighted
          ? { ...c.weighted, memberSlis: c.weighted.memberSlis.slice(0, 2) }
          : undefined;
      expect({
        name,
        evaluation: seen.evaluation,
        weighted: withoutMembers(seen),
      }).toEqual({
        name,
        evaluation: composite.evaluation,
        weighted: withoutMembers(composite),
      });
      expect(seen.weighted?.memberSlis[2] ?? null).toBeNull();
      expect(seen.members[2]).toEqual({
        visible: false,
        label: 'another entity',
      });
    }
    expect(asAlice.get('journey-events-7d')!.evaluation!.total).toBe(
      pooled(AT - 7 * DAY).total,
    );

    // Everything alice can ask: every operation, about the system and each
    // composite, each visible component and SLO, the hidden one, her team.
    const targets = [
      ...WINDOWS.flatMap(w =>
        ['events', 'weighted'].map(s => ({
          ref: 'system:default/shop',
          name: `journey-${s}-${w}`,
        })),
      ),
      ...SERVICES.flatMap(s =>
        WINDOWS.map(w => ({
          ref: `component:default/${s}`,
          name: `availability-${w}`,
        })),
      ),
    ];
    const answers: Array<{ url: string; status: number; text: string }> = [];
    for (const operation of openApiOperations().filter(
      o => o.method === 'get',
    )) {
      for (const target of targets) {
        for (const period of ['month', 'week']) {
          const url = operationUrl(operation, parameter => {
            const [kind, rest] = target.ref.split(':');
            const [namespace, name] = rest.split('/');
            if (parameter.in === 'path') {
              return { kind, namespace, name }[parameter.name];
            }
            return {
              entityRef: target.ref,
              name: target.name,
              group: 'group:default/payments',
              period,
              count: '3',
              // The deploy gate's required policy (docs/error-budget-policy.md).
              policy: 'budget-left>=0%',
            }[parameter.name];
          });
          if (answers.some(a => a.url === url)) continue;
          const res = await get(url, ALICE);
          answers.push({ url, status: res.status, text: res.text });
        }
      }
    }
    expect(answers.filter(a => a.status !== 200 && a.status !== 404)).toEqual(
      [],
    );
    // The answers that say something, minus the refs alice herself asked for
    // (a 404 repeats them).
    const said = answers.map(({ url, status, text }) => ({
      url,
      text:
        status === 200
          ? text
          : (JSON.parse(text).error.message as string)
              .split(`component:default/${HIDDEN}`)
              .join(''),
    }));
    expect(
      said.filter(a => a.url.includes('/composites')).length,
    ).toBeGreaterThanOrEqual(30);
    for (const marker of [HIDDEN, 'group:default/security']) {
      const leaks = said.filter(a => a.text.includes(marker)).map(a => a.url);
      expect({ marker, leaks }).toEqual({ marker, leaks: [] });
    }
    // Its numbers: its events and SLI over every window, alert window,
    // period and series span any answer covers.
    const spans = new Set<string>();
    for (const window of WINDOWS) spans.add(`${windowStart(window)} ${AT}`);
    for (const label of [
      '5m',
      '15m',
      '30m',
      '1h',
      '1h25m',
      '2h',
      '5h35m',
      '6h',
      '16h50m',
      '1d',
      '3d',
    ]) {
      spans.add(`${AT - parseDuration(label)!} ${AT}`);
    }
    for (const { url, text } of answers) {
      if (!url.includes('/composites/')) continue;
      const body = JSON.parse(text) as Partial<
        SloHistoryResponse & SloSeriesResponse
      >;
      for (const p of body.periods ?? [])
        spans.add(`${p.start} ${Math.min(p.end, AT)}`);
      for (const p of body.points ?? []) spans.add(`${p.from} ${p.t}`);
    }
    const numbers = new Set<string>();
    for (const span of spans) {
      const [start, end] = span.split(' ').map(Number);
      const e = events(HIDDEN, start, end);
      if (e.total === 0) continue;
      // Counts too small to tell from a duration in seconds are left out.
      for (const n of [e.good, e.total])
        if (n >= 100_000) numbers.add(String(n));
      numbers.add(String(e.good / e.total));
      numbers.add(String((e.total - e.good) / e.total / (1 - OBJECTIVE)));
    }
    expect(numbers.size).toBeGreaterThan(100);
    const escape = (n: string) => n.replace(/[.+]/g, m => `\\${m}`);
    const found = said.flatMap(({ url, text }) =>
      [...numbers]
        .filter(n => new RegExp(`(?<![0-9.])${escape(n)}(?![0-9])`).test(text))
        .map(n => `${url}: ${n}`),
    );
    expect(found).toEqual([]);
    // Control: admin, who may read it, is told its name and numbers, so the
    // sweep above can fail.
    const admin = await get(
      '/api/slo/entities/system/default/shop/composites',
      'user:default/admin',
    );
    expect(admin.text).toContain(`component:default/${HIDDEN}`);
    const hiddenTotal = String(events(HIDDEN, AT - 7 * DAY).total);
    expect(admin.text).toMatch(new RegExp(`"total":${hiddenTotal}\\b`));
    expect(numbers.has(hiddenTotal)).toBe(true);
    const adminRules = await get('/api/slo/rules', 'user:default/admin');
    expect(adminRules.text).toContain(`service="${HIDDEN}"`);
    // Alice's rules leave the composites out rather than leave its events out.
    const aliceRules = said.find(
      a => a.url.startsWith('/api/slo/rules?') && a.url.includes('shop'),
    )!.text;
    expect(aliceRules).toContain(
      '# composite system:default/shop/journey-events-7d: not exported: a member belongs to another entity you may not read',
    );
  });
});

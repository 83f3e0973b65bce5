/**
 * The reliability review's period figures against Debian's Prometheus loaded
 * with counts known exactly: weeks and months in UTC and in Europe/Berlin
 * (across the end of summer time on 2026-10-25) equal the ground truth, via
 * the API and via `yarn slo report`; budget-burn episodes match the incidents.
 */
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  DEMO_END,
  exactnessScenarioSpec,
  generateScenario,
  startPrometheus,
  type RunningPrometheus,
} from '@internal/prometheus-fixture';
import prometheusModule from '@slo-kit/plugin-slo-backend-module-prometheus';
import type {
  ReliabilityReviewResponse,
  SloPeriodsResponse,
} from '@slo-kit/plugin-slo-common';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import YAML from 'yaml';
import type { CliReportRow } from '../cli/reportFromSources';
import { main } from '../cli/main';
import { sloPlugin } from '../plugin';

jest.setTimeout(300_000);

const HOUR = 3600;
const DAY = 86400;
/** 10:40 on the last day: not on the hour. */
const AT = DEMO_END - 13 * HOUR - 20 * 60;
const BUCKET = 300;

const spec = exactnessScenarioSpec();
// Quiet outside incidents (a fifth of a 99.9% budget), so every episode is an incident's.
spec.services = spec.services.map(s =>
  s.name === 'checkout' ? { ...s, errorRate: 0.0002 } : s,
);
const incidents = [
  {
    service: 'checkout',
    start: DEMO_END - 3 * DAY,
    durationSeconds: 2 * HOUR,
    errorRate: 0.3,
  },
  {
    service: 'checkout',
    start: DEMO_END - 12 * DAY + 9 * HOUR,
    durationSeconds: HOUR,
    errorRate: 0.3,
  },
];
spec.incidents = incidents;

describe('reliability review periods against a real Prometheus', () => {
  const scenario = generateScenario(spec);
  const truth = scenario.groundTruth;
  let prometheus: RunningPrometheus;

  const slos = [
    {
      name: 'availability',
      truth: 'checkout:availability',
      objective: 99.9,
      window: '30d',
      sli: {
        ratio: {
          good: 'http_requests_total{service="checkout",code!~"5.."}',
          total: 'http_requests_total{service="checkout"}',
        },
      },
    },
    {
      name: 'latency',
      truth: 'checkout:latency:0.25',
      objective: 99,
      window: '30d',
      sli: {
        latency: {
          histogram: 'http_request_duration_seconds{service="checkout"}',
          threshold: 0.25,
        },
      },
    },
    {
      name: 'late-availability',
      truth: 'late-service:availability',
      objective: 99,
      window: { calendar: 'month', timeZone: 'Europe/Berlin' },
      sli: {
        ratio: {
          good: 'http_requests_total{service="late-service",code!~"5.."}',
          total: 'http_requests_total{service="late-service"}',
        },
      },
    },
  ];
  const entity: Entity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'checkout',
      namespace: 'default',
      labels: { tier: '1' },
      annotations: {
        'slo-kit.dev/slos': YAML.stringify(
          slos.map(({ truth: _truth, ...slo }) => slo),
        ),
      },
    },
    spec: { type: 'service', owner: 'payments', lifecycle: 'production' },
  };
  const group: Entity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: {
      name: 'payments',
      namespace: 'default',
      annotations: {
        'slo-kit.dev/reliability-targets':
          '- {name: monthly, share: 95, period: month}\n- {share: 90, period: month, labels: {tier: "3"}}\n',
      },
    },
    spec: { type: 'team', children: [] },
  };
  const config = () => ({
    slo: {
      now: new Date(AT * 1000).toISOString(),
      defaultSource: 'fixture',
      sources: { prometheus: { fixture: { baseUrl: prometheus.url } } },
      collector: { backfillDays: 90 },
    },
  });
  const truthOf = (name: string) => slos.find(s => s.name === name)!.truth;

  beforeAll(async () => {
    prometheus = await startPrometheus({ scenario });
  }, 180_000);

  afterAll(async () => {
    await prometheus?.stop();
  });

  it('gives exact periods and the incidents as episodes, via the API and the CLI', async () => {
    const { server } = await startTestBackend({
      features: [
        sloPlugin,
        prometheusModule,
        catalogServiceMock.factory({ entities: [entity, group] }),
        mockServices.scheduler.factory({
          includeInitialDelayedTasksOnStartup: true,
        }),
        mockServices.rootConfig.factory({ data: config() }),
      ],
    });
    const mismatches: string[] = [];
    let berlinDstWeek = false;
    const checkPeriod = (
      where: string,
      name: string,
      p: {
        label: string;
        start: number;
        end: number;
        good: number;
        total: number;
        sli: number | null;
      },
    ) => {
      const expected = truth.events(
        truthOf(name),
        p.start,
        Math.min(p.end, AT),
      );
      const sli = expected.total > 0 ? expected.good / expected.total : null;
      const sliError =
        sli === null || p.sli === null ? 0 : Math.abs(p.sli - sli) / sli;
      if (
        p.good !== expected.good ||
        p.total !== expected.total ||
        sliError > 1e-9
      ) {
        mismatches.push(
          `${where} ${name} ${p.label}: ${p.good}/${p.total}, truth ${expected.good}/${expected.total}`,
        );
      }
    };
    for (const timeZone of ['UTC', 'Europe/Berlin']) {
      for (const [period, count] of [
        ['week', 6],
        ['month', 2],
      ] as const) {
        for (const slo of slos) {
          const res = await request(server).get(
            `/api/slo/slos/periods?entityRef=component:default/checkout&name=${slo.name}&period=${period}&count=${count}&timeZone=${timeZone}`,
          );
          expect(res.status).toBe(200);
          const body = res.body as SloPeriodsResponse;
          expect(body.periods).toHaveLength(count);
          for (const p of body.periods) {
            checkPeriod(`API ${timeZone}`, slo.name, p);
            expect(p.exact).toBe(true);
            if (
              p.timeZone === 'Europe/Berlin' &&
              period === 'week' &&
              p.end - p.start === 7 * DAY + HOUR
            ) {
              berlinDstWeek = true;
            }
          }
        }
      }
    }
    expect(mismatches).toEqual([]);
    expect(berlinDstWeek).toBe(true);

    // Episodes: each incident is one page episode starting within a bucket of it.
    const weeks = await request(server)
      .get(
        '/api/slo/slos/periods?entityRef=component:default/checkout&name=availability&period=week&count=3',
      )
      .expect(200);
    const episodes = (weeks.body as SloPeriodsResponse).periods.flatMap(
      p => p.episodes,
    );
    expect(episodes).toHaveLength(incidents.length);
    for (const [i, incident] of [...incidents].reverse().entries()) {
      const episode = episodes[i];
      expect(episode.severity).toBe('page');
      expect(Math.abs(episode.start - incident.start)).toBeLessThanOrEqual(
        BUCKET,
      );
      // Paging lasts the incident plus the 6× rule's 30-minute short window, less a bucket.
      expect(
        Math.abs(
          episode.pageMinutes * 60 -
            (incident.durationSeconds + 30 * 60 - BUCKET),
        ),
      ).toBeLessThanOrEqual(BUCKET);
      // Ticket rules resolve once the incident leaves their short windows (6 h at most).
      const incidentEnd = incident.start + incident.durationSeconds;
      expect(episode.end).toBeGreaterThan(incidentEnd);
      expect(episode.end).toBeLessThanOrEqual(incidentEnd + 6 * HOUR + BUCKET);
      expect(episode.budgetSpent).toBeGreaterThan(0);
    }

    // The review: one team, its targets, and an unknown label reported.
    const review = await request(server)
      .get('/api/slo/review?period=month&count=2&timeZone=Europe/Berlin')
      .expect(200);
    const body = review.body as ReliabilityReviewResponse;
    expect(body.periods.map(p => p.label)).toEqual(['2026-10', '2026-11']);
    expect(body.slos).toHaveLength(3);
    const team = body.teams.find(t => t.groupRef === 'group:default/payments')!;
    expect(team.sloIndexes).toHaveLength(3);
    expect(team.targets[0].periods).toHaveLength(2);
    expect(team.targets[0].current).not.toBeNull();
    expect(body.problems.map(p => p.path)).toEqual(['[1].labels']);
    expect(body.problems[0].message).toMatch(/tier=3.*tier=1/);
    await request(server)
      .get('/api/slo/review?period=month&count=13')
      .expect(400);
    await request(server).get('/api/slo/review?period=year').expect(400);
    await request(server)
      .get('/api/slo/review?timeZone=Mars/Olympus')
      .expect(400);
    await request(server)
      .get(
        '/api/slo/review?period=month&from=2026-11-01T00:00:00Z&to=2026-10-01T00:00:00Z',
      )
      .expect(400);
    await request(server)
      .get('/api/slo/review?group=group:default/nobody')
      .expect(404);

    // The CLI from the sources: the same figures.
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'slo-report-'));
    const catalogFile = path.join(dir, 'catalog-info.yaml');
    const configFile = path.join(dir, 'app-config.yaml');
    await fs.writeFile(catalogFile, YAML.stringify(entity));
    await fs.writeFile(configFile, YAML.stringify(config()));
    for (const [period, count, timeZone] of [
      ['week', 6, 'Europe/Berlin'],
      ['month', 2, 'UTC'],
    ] as const) {
      let out = '';
      let err = '';
      const code = await main(
        [
          'report',
          catalogFile,
          '--config',
          configFile,
          '--at',
          String(AT),
          '--period',
          period,
          '--periods',
          String(count),
          '--time-zone',
          timeZone,
          '--format',
          'json',
        ],
        { out: text => (out += text), err: text => (err += text) },
      );
      expect({ code, err }).toEqual({ code: 0, err: '' });
      const rows = JSON.parse(out) as CliReportRow[];
      expect(rows).toHaveLength(count * slos.length);
      for (const row of rows) {
        checkPeriod(`CLI ${timeZone}`, row.name, {
          ...row,
          label: row.period.label,
          start: Date.parse(row.period.start) / 1000,
          end: Date.parse(row.period.end) / 1000,
        });
      }
      expect(rows.filter(r => r.current)).toHaveLength(slos.length);
      const cliEpisodes = rows
        .filter(r => r.name === 'availability')
        .flatMap(r => r.episodes);
      // Both incidents fall in the last weeks and in November.
      expect(cliEpisodes.map(e => Date.parse(e.start) / 1000)).toEqual(
        episodes.map(e => e.start),
      );
    }
    expect(mismatches).toEqual([]);
    await fs.rm(dir, { recursive: true, force: true });
  });
});

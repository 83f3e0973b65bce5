/**
 * The SLO fact retriever in a real test backend with the Tech Insights
 * backend, its JSON rules engine checks and the SLO backend collecting from
 * Debian's Prometheus loaded with the fixture's 35 days: the facts equal
 * what the ground truth gives, and docs/tech-insights.md's two example
 * checks pass and fail as they should.
 */
import type {
  SchedulerService,
  ServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import techInsightsBackend from '@backstage-community/plugin-tech-insights-backend';
import jsonRulesEngineChecks from '@backstage-community/plugin-tech-insights-backend-module-jsonfc';
import {
  DEMO_END,
  exactnessScenarioSpec,
  generateScenario,
  startPrometheus,
  type RunningPrometheus,
} from '@internal/prometheus-fixture';
// The test runs the SLO backend beside Tech Insights, as a portal does.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import sloBackend from '@slo-kit/plugin-slo-backend';
import prometheusSource from '@slo-kit/plugin-slo-backend-module-prometheus';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import YAML from 'yaml';
import techInsightsModuleSlo from './index';

jest.setTimeout(240_000);

const DAY = 86400;
/** One hour into checkout's incident: its page alert fires. */
const NOW = DEMO_END - 3 * DAY + 3600;
const scenario = generateScenario(exactnessScenarioSpec());

const service = (
  name: string,
  options: { lifecycle?: string; tags?: string[]; slos?: unknown[] },
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    namespace: 'default',
    tags: options.tags ?? [],
    annotations: options.slos ? { 'slo-kit.dev/slos': YAML.stringify(options.slos) } : {},
  },
  spec: { type: 'service', owner: 'payments', lifecycle: options.lifecycle ?? 'production' },
});
const availability = (metricService: string, objective: number, window: string) => ({
  name: 'availability',
  objective,
  window,
  sli: {
    ratio: {
      good: `http_requests_total{service="${metricService}",code!~"5.."}`,
      total: `http_requests_total{service="${metricService}"}`,
    },
  },
});

const entities = [
  // Paging an hour into its incident.
  service('checkout', { tags: ['tier-1'], slos: [availability('checkout', 99, '28d')] }),
  // Well within 95%.
  service('search', { tags: ['tier-1'], slos: [availability('late-service', 95, '7d')] }),
  // A production service without SLOs, and one whose only SLO is misspelled.
  service('payments', {}),
  service('broken', {
    slos: [{ ...availability('broken', 99, '28d'), objective: undefined, objectve: 99 }],
  }),
  // Not in production: the "declares an SLO" check does not apply.
  service('prototype', { lifecycle: 'experimental' }),
];

/** docs/tech-insights.md's app-config, with the schedule and checks it documents. */
function documentedConfig(): Record<string, unknown> {
  const doc = fs.readFileSync(path.resolve(__dirname, '../../../docs/tech-insights.md'), 'utf8');
  const block = /```yaml\n# app-config\.yaml: checks\n([\s\S]*?)```/.exec(doc);
  if (!block) throw new Error('docs/tech-insights.md has no "# app-config.yaml: checks" block');
  return YAML.parse(block[1]);
}

/** The true error budget left of checkout's SLO (99%, 28 days) at NOW. */
function checkoutBudgetLeft(): number {
  const { good, total } = scenario.groundTruth.events('checkout:availability', NOW - 28 * DAY, NOW);
  return 1 - (total - good) / (total * 0.01);
}

describe('SLO facts in Tech Insights', () => {
  let prometheus: RunningPrometheus;

  beforeAll(async () => {
    prometheus = await startPrometheus({ scenario });
  }, 180_000);
  afterAll(async () => {
    await prometheus?.stop();
  });

  it('publishes the facts and runs the documented checks', async () => {
    // The mock scheduler is one instance for every plugin, with its factory
    // and triggerTask, though typed as the plain service.
    const scheduler = mockServices.scheduler() as SchedulerService & {
      factory(options: { skipTaskRunOnStartup: boolean }): ServiceFactory;
    };
    const { server } = await startTestBackend({
      features: [
        sloBackend,
        prometheusSource,
        techInsightsBackend,
        jsonRulesEngineChecks,
        techInsightsModuleSlo,
        catalogServiceMock.factory({ entities }),
        scheduler.factory({ skipTaskRunOnStartup: true }),
        mockServices.rootConfig.factory({
          data: {
            ...documentedConfig(),
            slo: {
              now: new Date(NOW * 1000).toISOString(),
              defaultSource: 'fixture',
              sources: { prometheus: { fixture: { baseUrl: prometheus.url } } },
              collector: { backfillDays: 30 },
            },
          },
        }),
      ],
    });
    const tasks = (await scheduler.getScheduledTasks()).map(task => task.id);
    expect(tasks).toContain('sloFactRetriever');
    // The SLO backend collects first, as it would have long before a retriever's cadence.
    for (const id of tasks.filter(task => task !== 'sloFactRetriever')) {
      await scheduler.triggerTask(id);
    }
    await scheduler.triggerTask('sloFactRetriever');

    const factsOf = async (name: string) => {
      const res = await request(server)
        .get('/api/tech-insights/facts/latest')
        .query({ entity: `component:default/${name}`, 'ids[]': 'sloFactRetriever' });
      expect(res.status).toBe(200);
      return res.body.sloFactRetriever?.facts;
    };
    const checkout = await factsOf('checkout');
    expect(checkout).toEqual({
      hasSlos: true,
      slos: 1,
      slosMeeting: 0,
      slosUnknown: 0,
      allMeeting: false,
      worstBudgetRemaining: expect.any(Number),
      pagingNow: true,
      definitionProblems: 0,
    });
    const truth = checkoutBudgetLeft();
    expect(Math.abs(checkout.worstBudgetRemaining - truth) / Math.abs(truth)).toBeLessThanOrEqual(1e-9);
    expect(await factsOf('search')).toMatchObject({ hasSlos: true, slosMeeting: 1, allMeeting: true, pagingNow: false });
    expect(await factsOf('payments')).toEqual({
      hasSlos: false,
      slos: 0,
      slosMeeting: 0,
      slosUnknown: 0,
      allMeeting: false,
      pagingNow: false,
      definitionProblems: 0,
    });
    expect(await factsOf('broken')).toMatchObject({ hasSlos: false, definitionProblems: 1 });

    const checksOf = async (name: string) => {
      const res = await request(server)
        .post(`/api/tech-insights/checks/run/default/component/${name}`)
        .send({ checks: ['productionServiceDeclaresSlo', 'tierOneMeetsAllSlos'] });
      expect(res.status).toBe(200);
      return Object.fromEntries(
        (res.body as Array<{ check: { id: string }; result: boolean }>).map(r => [r.check.id, r.result]),
      );
    };
    expect(await checksOf('checkout')).toEqual({ productionServiceDeclaresSlo: true, tierOneMeetsAllSlos: false });
    expect(await checksOf('search')).toEqual({ productionServiceDeclaresSlo: true, tierOneMeetsAllSlos: true });
    expect(await checksOf('payments')).toEqual({ productionServiceDeclaresSlo: false });
    expect(await checksOf('broken')).toEqual({ productionServiceDeclaresSlo: false });
    expect(await checksOf('prototype')).toEqual({});
  });
});

/**
 * Corrections against the real thing: Debian's Prometheus loaded with the
 * exactness scenario, whose checkout incident (2 h, three days before the
 * data ends) is known event by event. A correction over exactly the
 * incident must give every figure the ground truth minus that range:
 * window sums, SLI, budget, every burn rate, weekly history, the review's
 * periods (with no episode over the incident), an events composite of the
 * SLO and `yarn slo evaluate`; an SLO the correction does not target keeps
 * the ground truth (and pages over the incident).
 */
import type { Entity } from '@backstage/catalog-model';
import {
  DEMO_END,
  exactnessScenarioSpec,
  generateScenario,
} from '@internal/prometheus-fixture';
import {
  parseDuration,
  type EntityCompositesResponse,
  type EntitySlosResponse,
  type SloHistoryResponse,
  type SloPeriodsResponse,
} from '@slo-kit/plugin-slo-common';
import request from 'supertest';
import YAML from 'yaml';
import {
  cliEvaluate,
  prometheusAppConfig,
  startSloBackend,
  useRealPrometheus,
} from '../__testUtils__/realPrometheus';

jest.setTimeout(180_000);

const HOUR = 3600;
const DAY = 86400;
const OBJECTIVE = 0.999;
/** The scenario's incident: 2 h from three days before the end (on 5-minute bucket boundaries). */
const INCIDENT = { start: DEMO_END - 3 * DAY, end: DEMO_END - 3 * DAY + 2 * HOUR };

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'checkout',
    namespace: 'default',
    annotations: {
      'slo-kit.dev/slos': YAML.stringify([
        {
          name: 'availability',
          objective: OBJECTIVE * 100,
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
          objective: 99,
          window: '30d',
          sli: {
            latency: {
              histogram: 'http_request_duration_seconds{service="checkout"}',
              threshold: 0.25,
            },
          },
        },
      ]),
      'slo-kit.dev/corrections': YAML.stringify([
        {
          name: 'payment-provider-outage',
          category: 'outside-our-control',
          reason: 'The payment provider was down; checkout could not succeed',
          start: new Date(INCIDENT.start * 1000).toISOString(),
          end: new Date(INCIDENT.end * 1000).toISOString(),
          slos: ['availability'],
        },
      ]),
    },
  },
  spec: { type: 'service', owner: 'payments', lifecycle: 'production' },
};

/** A System whose events composite pools the checkout's availability: composites read the corrected buckets of their members. */
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
          objective: 99.9,
          window: '30d',
          semantics: 'events',
          members: [{ slo: 'component:default/checkout/availability' }],
        },
      ]),
    },
  },
  spec: { owner: 'payments' },
};

function relativeError(actual: number | null, expected: number): number {
  if (actual === null) return Infinity;
  return expected === 0 ? Math.abs(actual) : Math.abs(actual - expected) / Math.abs(expected);
}

describe('corrections against a real Prometheus', () => {
  const scenario = generateScenario(exactnessScenarioSpec());
  const truth = scenario.groundTruth;
  const prometheus = useRealPrometheus(scenario);
  const config = () => prometheusAppConfig(prometheus.url, { now: DEMO_END, backfillDays: 35 });

  /** Ground truth over (from, to] minus the part of the incident inside it. */
  const corrected = (sli: string, from: number, to: number) => {
    const all = truth.events(sli, from, to);
    const cutFrom = Math.max(from, INCIDENT.start);
    const cutTo = Math.min(to, INCIDENT.end);
    const cut = cutTo > cutFrom ? truth.events(sli, cutFrom, cutTo) : { good: 0, total: 0 };
    return { good: all.good - cut.good, total: all.total - cut.total };
  };

  it('gives the ground truth minus the excluded range, and leaves an SLO it does not target alone', async () => {
    const incident = truth.events('checkout:availability', INCIDENT.start, INCIDENT.end);
    // The range holds the incident's bad events: excluding it must change the figures.
    expect(incident.total - incident.good).toBeGreaterThan(1000);

    const server = await startSloBackend([entity, system], config());
    const res = await request(server).get('/api/slo/entities/component/default/checkout/slos');
    expect(res.status).toBe(200);
    const body = res.body as EntitySlosResponse;
    const availability = body.slos.find(s => s.definition.name === 'availability')!;
    const [evaluation] = availability.evaluations;
    const month = corrected('checkout:availability', DEMO_END - 30 * DAY, DEMO_END);
    expect(evaluation.at).toBe(DEMO_END);
    expect([evaluation.good, evaluation.total]).toEqual([month.good, month.total]);
    expect(relativeError(evaluation.sli, month.good / month.total)).toBeLessThanOrEqual(1e-9);
    expect(relativeError(evaluation.errorBudget.remainingFraction, 1 - (month.total - month.good) / (month.total * (1 - OBJECTIVE)))).toBeLessThanOrEqual(1e-9);
    // The SLO lists its correction, with the range it excludes.
    expect(availability.corrections).toEqual([
      expect.objectContaining({
        name: 'payment-provider-outage',
        category: 'outside-our-control',
        occurrences: [{ start: INCIDENT.start, end: INCIDENT.end, excludedStart: INCIDENT.start, excludedEnd: INCIDENT.end }],
      }),
    ]);
    const labels = Object.keys(evaluation.burnRates);
    expect(labels).toContain('3d');
    for (const label of labels) {
      const window = corrected('checkout:availability', DEMO_END - parseDuration(label)!, DEMO_END);
      const expected = (window.total - window.good) / window.total / (1 - OBJECTIVE);
      expect({ label, error: relativeError(evaluation.burnRates[label], expected) <= 1e-9 }).toEqual({ label, error: true });
    }

    // The latency SLO is not targeted: its figures are the ground truth, incident included.
    const latency = body.slos.find(s => s.definition.name === 'latency')!;
    const latencyMonth = truth.events('checkout:latency:0.25', DEMO_END - 30 * DAY, DEMO_END);
    expect([latency.evaluations[0].good, latency.evaluations[0].total]).toEqual([latencyMonth.good, latencyMonth.total]);
    expect(latency.corrections).toBeUndefined();

    // Weekly history: the week with the incident loses exactly the range.
    const history = await request(server).get('/api/slo/slos/history?entityRef=component:default/checkout&name=availability&period=week&count=5');
    expect(history.status).toBe(200);
    const periods = (history.body as SloHistoryResponse).periods;
    const withIncident = periods.filter(p => p.start <= INCIDENT.start && INCIDENT.end <= p.end);
    expect(withIncident).toHaveLength(1);
    for (const p of periods) {
      const expected = corrected('checkout:availability', p.start, Math.min(p.end, DEMO_END));
      expect({ label: p.label, good: p.good, total: p.total }).toEqual({ label: p.label, ...expected });
    }

    // The review's periods read through the same corrections, and the incident pages no more.
    const review = await request(server).get('/api/slo/slos/periods?entityRef=component:default/checkout&name=availability&period=week&count=5&timeZone=UTC');
    expect(review.status).toBe(200);
    const reviewPeriods = (review.body as SloPeriodsResponse).periods;
    expect(reviewPeriods.length).toBeGreaterThanOrEqual(5);
    for (const p of reviewPeriods) {
      const expected = corrected('checkout:availability', p.start, Math.min(p.end, DEMO_END));
      expect({ label: p.label, good: p.good, total: p.total }).toEqual({ label: p.label, ...expected });
    }
    // The background error rate burns near 1× and opens ticket episodes all along; the incident's
    // 30% errors would page. With the range excluded nothing pages and no burn comes near the incident's.
    const overIncident = (episodes: SloPeriodsResponse['periods'][number]['episodes']) =>
      episodes.filter(e => e.start < INCIDENT.end && (e.end ?? DEMO_END) > INCIDENT.start);
    const corrected30d = overIncident(reviewPeriods.flatMap(p => p.episodes));
    expect(corrected30d.filter(e => e.severity === 'page' || e.peakBurnRate > 2)).toEqual([]);
    expect(reviewPeriods.reduce((sum, p) => sum + (p.pageMinutes ?? 0), 0)).toBe(0);
    // The latency SLO (not targeted) pages over the same incident.
    const latencyReview = await request(server).get('/api/slo/slos/periods?entityRef=component:default/checkout&name=latency&period=week&count=5&timeZone=UTC');
    const latencyEpisodes = overIncident((latencyReview.body as SloPeriodsResponse).periods.flatMap(p => p.episodes));
    expect(latencyEpisodes.some(e => e.severity === 'page')).toBe(true);

    // A composite of the corrected SLO pools the corrected buckets.
    const composites = await request(server).get('/api/slo/entities/system/default/shop/composites');
    expect(composites.status).toBe(200);
    const journey = (composites.body as EntityCompositesResponse).composites.find(c => c.name === 'checkout-journey')!;
    expect([journey.evaluation?.good, journey.evaluation?.total]).toEqual([month.good, month.total]);
  });

  it('yarn slo evaluate excludes the same range', async () => {
    const rows = await cliEvaluate([entity], config(), DEMO_END);
    const row = rows.find(r => r.name === 'availability')!;
    const month = corrected('checkout:availability', DEMO_END - 30 * DAY, DEMO_END);
    expect([row.good, row.total]).toEqual([month.good, month.total]);
    expect(relativeError(row.sli, month.good / month.total)).toBeLessThanOrEqual(1e-9);
  });
});

import type { ScenarioSpec } from './ScenarioSpec';

const HOUR = 3600;
const DAY = 86400;

/** End of the demo data: fixed, so every run and every test sees the same figures. */
export const DEMO_END = Date.UTC(2026, 10, 20) / 1000;

/**
 * The demo data set behind the portal's "real Prometheus" mode: the services
 * and metrics of the demo catalog (`examples/services.yaml`, status-page
 * included, which declares no SLO), 35 days at
 * 60 s, ending 2026-11-20T00:00:00Z. Checkout is burning its budget fast at
 * the end (a page alert fires); other services show a past outage, a slow
 * spell, a counter reset, a late error series and a service launched late.
 *
 * @public
 */
export function demoScenarioSpec(): ScenarioSpec {
  const end = DEMO_END;
  return {
    end,
    days: 35,
    seed: 2026,
    services: [
      {
        name: 'checkout',
        requestsPerMinute: 600,
        errorRate: 0.0004,
        medianLatencySeconds: 0.06,
      },
      {
        name: 'payment-gateway',
        requestsPerMinute: 300,
        errorRate: 0.0002,
        medianLatencySeconds: 0.12,
      },
      {
        name: 'fraud-detection',
        requestsPerMinute: 300,
        errorRate: 0.002,
        medianLatencySeconds: 0.05,
      },
      {
        name: 'search-api',
        requestsPerMinute: 1200,
        errorRate: 0.0002,
        medianLatencySeconds: 0.15,
      },
      {
        name: 'search-indexer',
        requestsPerMinute: 120,
        errorRate: 0.001,
        // Fast enough that quiet night minutes keep p99 under 1 s; the incident does not.
        medianLatencySeconds: 0.12,
      },
      {
        name: 'recommendations',
        requestsPerMinute: 400,
        errorRate: 0.001,
        medianLatencySeconds: 0.08,
        // Launched ten days into the data: its 30-day window is only partly covered.
        startsAt: end - 25 * DAY,
      },
      {
        name: 'auth-service',
        requestsPerMinute: 900,
        errorRate: 0.0003,
        medianLatencySeconds: 0.04,
      },
      {
        name: 'api-gateway',
        requestsPerMinute: 3000,
        errorRate: 0.0002,
        medianLatencySeconds: 0.05,
      },
      {
        name: 'notification-service',
        requestsPerMinute: 200,
        errorRate: 0.004,
        medianLatencySeconds: 0.3,
      },
      // Declares no SLO in the catalog: its metrics make the portal suggest
      // some (issue 24). Last, so the services before keep their samples.
      {
        name: 'status-page',
        requestsPerMinute: 60,
        errorRate: 0.0015,
        medianLatencySeconds: 0.08,
      },
    ],
    incidents: [
      // Ongoing at the end: 2% errors burn a 99.9% budget 20× → page.
      {
        service: 'checkout',
        start: end - 90 * 60,
        durationSeconds: 90 * 60,
        errorRate: 0.02,
      },
      {
        service: 'checkout',
        start: end - 22 * DAY,
        durationSeconds: 3 * HOUR,
        errorRate: 0.05,
        latencyFactor: 2,
      },
      {
        service: 'payment-gateway',
        start: end - 17 * DAY + 10 * HOUR,
        durationSeconds: 2 * HOUR,
        errorRate: 0.05,
      },
      {
        service: 'search-api',
        start: end - 6 * DAY + 14 * HOUR,
        durationSeconds: 3 * HOUR,
        latencyFactor: 3,
        errorRate: 0.01,
      },
      {
        service: 'search-indexer',
        start: end - 3 * DAY + 9 * HOUR,
        durationSeconds: 2 * HOUR,
        latencyFactor: 6,
      },
      {
        service: 'auth-service',
        start: end - 30 * DAY + 8 * HOUR,
        durationSeconds: 45 * 60,
        errorRate: 0.3,
      },
      {
        service: 'notification-service',
        start: end - 2 * DAY + 20 * HOUR,
        durationSeconds: HOUR,
        errorRate: 0.2,
      },
      {
        service: 'api-gateway',
        start: end - 12 * DAY + 15 * HOUR,
        durationSeconds: 30 * 60,
        errorRate: 0.4,
      },
    ],
    counterResets: [
      { service: 'payment-gateway', at: end - 9 * DAY + 3 * HOUR },
      { service: 'checkout', at: end - 4 * DAY + 11 * HOUR },
    ],
    lateSeries: [
      {
        service: 'search-api',
        code: '503',
        at: end - 6 * DAY + 14 * HOUR,
        share: 0.5,
      },
    ],
    latencyBuckets: [0.1, 0.25, 0.5, 1, 2.5],
  };
}

/**
 * A small scenario for exactness tests: two services over 35 days with an
 * incident, a counter reset (on a bucket boundary and off one), a series
 * that appears late inside a bucket and a service that starts late, ending at
 * 2026-11-20T00:00:00Z. Query it at times on the 60 s grid inside the data.
 *
 * @public
 */
export function exactnessScenarioSpec(): ScenarioSpec {
  const end = DEMO_END;
  return {
    end,
    days: 35,
    seed: 7,
    services: [
      {
        name: 'checkout',
        requestsPerMinute: 600,
        errorRate: 0.001,
        medianLatencySeconds: 0.08,
      },
      {
        name: 'late-service',
        requestsPerMinute: 50,
        errorRate: 0.01,
        medianLatencySeconds: 0.3,
        startsAt: end - 20 * DAY + 7 * 60,
      },
    ],
    incidents: [
      {
        service: 'checkout',
        start: end - 3 * DAY,
        durationSeconds: 2 * HOUR,
        errorRate: 0.3,
        latencyFactor: 4,
      },
    ],
    counterResets: [
      // Off a 5-minute boundary, and exactly on an hour boundary.
      { service: 'checkout', at: end - 10 * DAY + 3 * 60 },
      { service: 'checkout', at: end - 5 * DAY },
    ],
    // Appears 2 minutes into a 5-minute bucket, during the incident.
    lateSeries: [
      {
        service: 'checkout',
        code: '503',
        at: end - 3 * DAY + 2 * 60,
        share: 0.4,
      },
    ],
    latencyBuckets: [0.1, 0.25, 0.5, 1, 2.5],
  };
}

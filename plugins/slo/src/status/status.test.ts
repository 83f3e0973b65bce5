import {
  atRiskSlo,
  breachingSlo,
  demoCalendarSlo,
  entitySlosResponse,
  errorSlo,
  healthySlo,
  lowTrafficSlo,
  NOW,
  partialSlo,
  problems,
  staleSlo,
} from '../testing';
import {
  currentBurnRate,
  describeSliQuery,
  errorMessage,
  explainDataState,
  formatWindow,
  isHealthy,
  meetsObjective,
  sloHeadline,
  sortWorstFirst,
  summariseEntitySlos,
} from '.';

describe('sortWorstFirst', () => {
  it('orders breaching, at risk, unknown, met', () => {
    expect(
      sortWorstFirst([healthySlo, lowTrafficSlo, atRiskSlo, breachingSlo]).map(s => s.definition.name),
    ).toEqual(['checkout-availability', 'checkout-payments', 'admin-availability', 'checkout-latency']);
  });
});

describe('isHealthy', () => {
  it('needs met, trusted data, nothing firing and no source error', () => {
    expect(isHealthy(healthySlo)).toBe(true);
    expect(isHealthy(partialSlo)).toBe(false);
    expect(isHealthy(atRiskSlo)).toBe(false);
    expect(isHealthy(staleSlo)).toBe(false);
  });
});

describe('summariseEntitySlos', () => {
  it('counts what the summary strip shows', () => {
    const summary = summariseEntitySlos(
      entitySlosResponse([breachingSlo, atRiskSlo, healthySlo, errorSlo, demoCalendarSlo], problems),
    );
    expect(summary).toEqual({
      total: 5,
      meeting: 3,
      breaching: 1,
      atRisk: 1,
      unknown: 1,
      paging: 1,
      ticketing: 1,
      oldestCollectionAt: NOW - 120,
      neverCollected: 1,
      demo: true,
      problems: 2,
    });
  });
});

describe('currentBurnRate', () => {
  it('uses the fastest alert’s long window', () => {
    expect(currentBurnRate(breachingSlo.evaluations[0])).toEqual({ rate: 14.9, windowSeconds: 3600 });
    expect(currentBurnRate(undefined)).toEqual({ rate: null });
  });
});

describe('describing SLIs', () => {
  it('summarises each SLI kind with its queries', () => {
    expect(describeSliQuery(breachingSlo.definition.sli)).toEqual([
      'good: http_requests_total{service="checkout",code!~"5.."}',
      'total: http_requests_total{service="checkout"}',
    ]);
    expect(describeSliQuery(healthySlo.definition.sli)).toEqual([
      'requests of http_request_duration_seconds{service="checkout"} faster than 0.25 s',
    ]);
    expect(
      describeSliQuery({
        kind: 'timeSlice',
        sliceSeconds: 60,
        operator: '<',
        threshold: 1,
        value: { query: 'histogram_quantile(0.99, x)' },
      }),
    ).toEqual(['1m slices where histogram_quantile(0.99, x) < 1']);
    expect(
      describeSliQuery({ kind: 'ratio', bad: { query: 'sum(errors[{{window}}])' }, total: { selector: 'reqs' } }),
    ).toEqual(['bad: sum(errors[{{window}}])', 'total: reqs']);
  });

  it('names windows and headlines', () => {
    expect(formatWindow(demoCalendarSlo.definition.window)).toBe('calendar month (Europe/Berlin)');
    expect(sloHeadline(healthySlo.definition)).toBe('latency · 99% · rolling 30d');
  });
});

describe('explainDataState', () => {
  it('is silent when the data is fine', () => {
    expect(
      explainDataState({ evaluation: healthySlo.evaluations[0], collection: healthySlo.collection, now: NOW }),
    ).toBeUndefined();
  });

  it('still reports a failed attempt when the figures are current', () => {
    const explanation = explainDataState({
      evaluation: healthySlo.evaluations[0],
      collection: { ...healthySlo.collection, lastError: 'timeout after 30s' },
      now: NOW,
    });
    expect(explanation).toMatchObject({ state: 'ok', sourceError: 'timeout after 30s', severity: 'info' });
  });

  it('explains low traffic without a configured minimum', () => {
    const explanation = explainDataState({
      evaluation: lowTrafficSlo.evaluations[0],
      collection: lowTrafficSlo.collection,
      now: NOW,
    });
    expect(explanation?.detail).toMatch(/^Only 37 events in the window\. A handful/);
  });
});

describe('errorMessage', () => {
  it('uses plain error messages', () => {
    expect(errorMessage(new Error('offline'))).toBe('offline');
    expect(errorMessage('weird')).toBe('weird');
  });
});

describe('meetsObjective', () => {
  it('counts met and at-risk SLOs at or above target, never a paging one', () => {
    // Checkout: above its 99.9% target, but a page fires at 20×.
    expect(meetsObjective(0.9992, 0.999, 'paging')).toBe(false);
    expect(meetsObjective(0.9992, 0.999, 'at-risk')).toBe(true);
    expect(meetsObjective(0.999, 0.999, 'met')).toBe(true);
    expect(meetsObjective(0.9985, 0.999, 'breaching')).toBe(false);
    expect(meetsObjective(1, 0.999, 'unknown')).toBe(false);
    expect(meetsObjective(null, 0.999, 'unknown')).toBe(false);
  });
});

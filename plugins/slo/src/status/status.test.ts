import {
  atRiskSlo,
  breachingSlo,
  demoCalendarSlo,
  entitySlosResponse,
  errorSlo,
  healthySlo,
  lowTrafficSlo,
  NOW,
  pagingSlo,
  partialSlo,
  problems,
  staleSlo,
} from '../testing';
import {
  currentBurnRate,
  describeEpisode,
  describeFiringAlerts,
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
  it('orders paging, breaching, at risk, unknown, met', () => {
    expect(
      sortWorstFirst([healthySlo, lowTrafficSlo, atRiskSlo, breachingSlo, pagingSlo]).map(s => s.definition.name),
    ).toEqual(['checkout-orders', 'checkout-availability', 'checkout-payments', 'admin-availability', 'checkout-latency']);
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
      entitySlosResponse([pagingSlo, breachingSlo, atRiskSlo, healthySlo, errorSlo, demoCalendarSlo], problems),
    );
    expect(summary).toEqual({
      total: 6,
      meeting: 3,
      atRisk: 1,
      paging: 1,
      breaching: 1,
      unknown: 1,
      oldestCollectionAt: NOW - 120,
      neverCollected: 1,
      demo: true,
      problems: 2,
    });
  });
});

describe('currentBurnRate', () => {
  it('uses the fastest alert’s long window', () => {
    expect(currentBurnRate(pagingSlo.evaluations[0])).toEqual({ rate: 20, windowSeconds: 3600 });
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

describe('describeEpisode', () => {
  it('says since when, in the page’s zone, and how long', () => {
    expect(describeEpisode(pagingSlo.evaluations[0].episode!, NOW, 'UTC')).toBe(
      'Paging since 09:50 UTC (2 h 10 min)',
    );
    expect(describeEpisode(pagingSlo.evaluations[0].episode!, NOW, 'Europe/Berlin')).toBe(
      'Paging since 10:50 GMT+1 (2 h 10 min)',
    );
  });

  it('says "for more than" when the episode is older than the look-back', () => {
    expect(describeEpisode(atRiskSlo.evaluations[0].episode!, NOW, 'UTC')).toBe(
      'Ticket alert firing for more than 3 d (since before Nov 17, 12:00 UTC)',
    );
  });
});

describe('describeFiringAlerts', () => {
  it('names each firing window, page first, with its burn rate', () => {
    expect(describeFiringAlerts(pagingSlo.evaluations[0].alerts)).toEqual([
      'page: 1h/5m at 20×',
      'ticket: 3d/6h at 1.2×',
    ]);
    expect(describeFiringAlerts(breachingSlo.evaluations[0].alerts)).toEqual([]);
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

/**
 * Typed, fixed data for component tests and demos: one fixture per state the
 * UI has to show. Times are relative to {@link NOW}.
 */
import type { Entity } from '@backstage/catalog-model';
import {
  COMPOSITE_SLOS_ANNOTATION,
  SLO_ANNOTATION,
  type BurnRateAlertState,
  type CompositeSloStatus,
  type EntityCompositesResponse,
  type EntitySlosResponse,
  type ScorecardGroup,
  type ScorecardResponse,
  type ScorecardSlo,
  type SloCollectionStatus,
  type SloDefinition,
  type SloEvaluation,
  type SloHistoryResponse,
  type SloSeriesPoint,
  type SloSeriesResponse,
  type SloStatus,
  type ValidationProblem,
} from '@slo-kit/plugin-slo-common';

/** The backend's evaluation time in every fixture. */
export const NOW_ISO = '2026-11-20T12:00:00.000Z';
/** {@link NOW_ISO} in epoch seconds. */
export const NOW = Date.parse(NOW_ISO) / 1000;

const HOUR = 3600;
const DAY = 86400;

/** The entity every fixture SLO belongs to. */
export const CHECKOUT_REF = 'component:default/checkout';

/** A component with SLO annotations. */
export const checkoutEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'checkout',
    title: 'Checkout',
    annotations: {
      [SLO_ANNOTATION]:
        '- name: checkout-availability\n  objective: 99.9\n  window: 30d\n',
    },
  },
  spec: { type: 'service', lifecycle: 'production', owner: 'payments' },
};

/** A component without any SLO annotation. */
export const plainEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'legacy-batch' },
  spec: { type: 'service', lifecycle: 'production', owner: 'payments' },
};

/** SRE Workbook alert rules scaled for a 30-day period, with burn rates. */
export function alertStates(options: {
  target: number;
  /** Long and short window burn rates per rule, 14.4×, 6×, 3×, 1× in order. */
  burnRates: Array<[number | null, number | null]>;
}): BurnRateAlertState[] {
  const rules = [
    { severity: 'page', factor: 14.4, longWindowSeconds: HOUR, shortWindowSeconds: 300, budgetFraction: 0.02 },
    { severity: 'page', factor: 6, longWindowSeconds: 6 * HOUR, shortWindowSeconds: 1800, budgetFraction: 0.05 },
    { severity: 'ticket', factor: 3, longWindowSeconds: DAY, shortWindowSeconds: 2 * HOUR, budgetFraction: 0.1 },
    { severity: 'ticket', factor: 1, longWindowSeconds: 3 * DAY, shortWindowSeconds: 6 * HOUR, budgetFraction: 0.1 },
  ] as const;
  return rules.map((rule, index) => {
    const [longBurnRate, shortBurnRate] = options.burnRates[index] ?? [0, 0];
    const canFire = rule.factor * (1 - options.target) <= 1;
    return {
      ...rule,
      longBurnRate,
      shortBurnRate,
      canFire,
      firing:
        canFire &&
        longBurnRate !== null &&
        shortBurnRate !== null &&
        longBurnRate > rule.factor &&
        shortBurnRate > rule.factor,
    };
  });
}

/** A ratio SLO definition on the checkout entity. */
export function makeDefinition(overrides: Partial<SloDefinition> = {}): SloDefinition {
  const name = overrides.name ?? 'checkout-availability';
  return {
    id: `${CHECKOUT_REF}/${name}`,
    entityRef: CHECKOUT_REF,
    name,
    description: 'Successful checkout requests',
    sli: {
      kind: 'ratio',
      good: { selector: 'http_requests_total{service="checkout",code!~"5.."}' },
      total: { selector: 'http_requests_total{service="checkout"}' },
    },
    objectives: [{ name: '', target: 0.999 }],
    window: { type: 'rolling', durationSeconds: 30 * DAY, label: '30d' },
    labels: {},
    origin: { kind: 'annotation', annotation: SLO_ANNOTATION },
    ...overrides,
  };
}

/** An evaluation that meets its objective with plenty of budget left. */
export function makeEvaluation(overrides: Partial<SloEvaluation> = {}): SloEvaluation {
  const target = overrides.objective?.target ?? 0.999;
  return {
    at: NOW,
    objective: { name: '', target },
    windowStart: NOW - 30 * DAY,
    windowEnd: NOW,
    good: 9_996_100,
    total: 10_000_000,
    sli: 0.99961,
    errorBudget: {
      allowedBad: 10_000,
      bad: 3_900,
      consumedFraction: 0.39,
      remainingFraction: 0.61,
      exhausted: false,
    },
    burnRates: { '5m': 0.3, '30m': 0.4, '1h': 0.4, '2h': 0.4, '6h': 0.5, '1d': 0.4, '3d': 0.4 },
    alerts: alertStates({
      target,
      burnRates: [
        [0.4, 0.3],
        [0.5, 0.4],
        [0.4, 0.4],
        [0.4, 0.5],
      ],
    }),
    forecast: { exhaustedAtCurrentRate: null, exhaustedAtAverageRate: null },
    dataState: 'ok',
    coverage: 1,
    health: 'met',
    ...overrides,
  };
}

/** A healthy collection from the Prometheus source, two minutes ago. */
export function makeCollection(
  overrides: Partial<SloCollectionStatus> = {},
): SloCollectionStatus {
  return {
    source: 'prometheus',
    sourceType: 'prometheus',
    demo: false,
    lastSuccessAt: new Date((NOW - 120) * 1000).toISOString(),
    lastAttemptAt: new Date((NOW - 120) * 1000).toISOString(),
    lastErrorAt: null,
    lastError: null,
    collectedUntil: new Date((NOW - 120) * 1000).toISOString(),
    consecutiveFailures: 0,
    ...overrides,
  };
}

function status(
  definition: Partial<SloDefinition>,
  evaluation: Partial<SloEvaluation>,
  collection: Partial<SloCollectionStatus> = {},
  exploreUrl?: string,
): SloStatus {
  const def = makeDefinition(definition);
  return {
    definition: def,
    evaluations: [
      makeEvaluation({
        objective: { name: '', target: def.objectives[0].target },
        ...evaluation,
      }),
    ],
    collection: makeCollection(collection),
    exploreUrl,
  };
}

/**
 * Breaching after last week's incident: −30% budget, every alert quiet now
 * (the budget stays overspent until the incident leaves the window).
 */
export const breachingSlo: SloStatus = status(
  {},
  {
    good: 9_987_000,
    total: 10_000_000,
    sli: 0.9987,
    errorBudget: {
      allowedBad: 10_000,
      bad: 13_000,
      consumedFraction: 1.3,
      remainingFraction: -0.3,
      exhausted: true,
    },
    burnRates: { '5m': 0.6, '1h': 0.7, '6h': 0.8, '30m': 0.7, '1d': 0.9, '2h': 0.8, '3d': 0.9 },
    alerts: alertStates({
      target: 0.999,
      burnRates: [
        [0.7, 0.6],
        [0.8, 0.7],
        [0.9, 0.8],
        [0.9, 0.8],
      ],
    }),
    health: 'breaching',
  },
  {},
  'http://prometheus.example/graph?g0.expr=sum(rate(http_requests_total))',
);

/**
 * Paging while still above target (issue 20.5's checkout): 20× over the last
 * hour since 09:50 UTC, the budget runs out in 27 hours. Status `paging`,
 * never "at risk", and never counted as meeting.
 */
export const pagingSlo: SloStatus = status(
  { name: 'checkout-orders', description: 'Orders placed without an error' },
  {
    good: 9_992_200,
    total: 10_000_000,
    sli: 0.99922,
    errorBudget: {
      allowedBad: 10_000,
      bad: 7_800,
      consumedFraction: 0.78,
      remainingFraction: 0.22,
      exhausted: false,
    },
    burnRates: { '5m': 21.3, '1h': 20, '6h': 5.2, '30m': 4.9, '1d': 1.6, '2h': 1.4, '3d': 1.2 },
    alerts: alertStates({
      target: 0.999,
      burnRates: [
        [20, 21.3],
        [5.2, 4.9],
        [1.6, 1.4],
        [1.2, 1.3],
      ],
    }),
    forecast: { exhaustedAtCurrentRate: NOW + 27 * HOUR, exhaustedAtAverageRate: null },
    health: 'paging',
    episode: { severity: 'page', since: NOW - 2 * HOUR - 10 * 60, startedBefore: false },
  },
);

/** Meeting with plenty of budget; a latency SLI. */
export const healthySlo: SloStatus = status(
  {
    name: 'checkout-latency',
    description: 'Checkout requests served within 250 ms',
    sli: {
      kind: 'latency',
      mode: 'histogram',
      metric: 'http_request_duration_seconds{service="checkout"}',
      threshold: 0.25,
    },
    objectives: [{ name: '', target: 0.99 }],
  },
  {
    sli: 0.9961,
    good: 9_961_000,
    total: 10_000_000,
    errorBudget: {
      allowedBad: 100_000,
      bad: 39_000,
      consumedFraction: 0.39,
      remainingFraction: 0.61,
      exhausted: false,
    },
  },
);

/** At risk: a ticket alert firing, budget runs out in 2 days. */
export const atRiskSlo: SloStatus = status(
  { name: 'checkout-payments', description: 'Payment calls that succeed' },
  {
    sli: 0.99912,
    errorBudget: {
      allowedBad: 10_000,
      bad: 8_800,
      consumedFraction: 0.88,
      remainingFraction: 0.12,
      exhausted: false,
    },
    alerts: alertStates({
      target: 0.999,
      burnRates: [
        [2.1, 2.5],
        [3.3, 3.5],
        [3.2, 3.4],
        [1.4, 1.6],
      ],
    }),
    burnRates: { '1h': 2.1 },
    forecast: { exhaustedAtCurrentRate: NOW + 2 * DAY, exhaustedAtAverageRate: NOW + 9 * DAY },
    health: 'at-risk',
    episode: { severity: 'ticket', since: NOW - 3 * DAY, startedBefore: true },
  },
);

/** An objective of 90%: a 14.4× burn would need a 144% error rate, so that alert can never fire. */
export const lowObjectiveSlo: SloStatus = status(
  {
    name: 'batch-success',
    description: 'Batch jobs that finish',
    objectives: [{ name: '', target: 0.9 }],
  },
  {
    sli: 0.95,
    errorBudget: {
      allowedBad: 1_000_000,
      bad: 500_000,
      consumedFraction: 0.5,
      remainingFraction: 0.5,
      exhausted: false,
    },
    alerts: alertStates({
      target: 0.9,
      burnRates: [
        [0.5, 0.5],
        [0.5, 0.5],
        [0.5, 0.5],
        [0.5, 0.5],
      ],
    }),
  },
);

/** Data covers 62% of the window. */
export const partialSlo: SloStatus = status(
  { name: 'new-endpoint', description: 'A new endpoint' },
  { dataState: 'partial', coverage: 0.62 },
);

/** 37 events in the window, below a minimum of 1,000. */
export const lowTrafficSlo: SloStatus = status(
  { name: 'admin-availability', description: 'Admin console requests', minimumEvents: 1000 },
  {
    good: 37,
    total: 37,
    sli: 1,
    dataState: 'low-traffic',
    health: 'unknown',
  },
);

/** Last collected 3 hours ago; the source refuses connections since. */
export const staleSlo: SloStatus = status(
  { name: 'cart-availability', description: 'Cart requests' },
  { dataState: 'stale' },
  {
    lastSuccessAt: new Date((NOW - 3 * HOUR) * 1000).toISOString(),
    lastAttemptAt: new Date((NOW - 60) * 1000).toISOString(),
    lastErrorAt: new Date((NOW - 60) * 1000).toISOString(),
    lastError: 'connect ECONNREFUSED 127.0.0.1:9090',
    consecutiveFailures: 36,
  },
);

/** No events in the window. */
export const noDataSlo: SloStatus = status(
  { name: 'refunds-availability', description: 'Refund requests' },
  {
    good: 0,
    total: 0,
    sli: null,
    errorBudget: {
      allowedBad: 0,
      bad: 0,
      consumedFraction: null,
      remainingFraction: null,
      exhausted: false,
    },
    burnRates: {},
    alerts: alertStates({
      target: 0.999,
      burnRates: [
        [null, null],
        [null, null],
        [null, null],
        [null, null],
      ],
    }),
    dataState: 'no-data',
    coverage: 0,
    health: 'unknown',
  },
);

/** Never collected: the query does not parse. */
export const errorSlo: SloStatus = status(
  { name: 'coupons-availability', description: 'Coupon lookups' },
  {
    good: 0,
    total: 0,
    sli: null,
    errorBudget: {
      allowedBad: 0,
      bad: 0,
      consumedFraction: null,
      remainingFraction: null,
      exhausted: false,
    },
    dataState: 'error',
    coverage: 0,
    health: 'unknown',
  },
  {
    lastSuccessAt: null,
    collectedUntil: null,
    lastError: 'bad_data: 1:32: parse error: unexpected "}" in label matching',
    lastErrorAt: new Date((NOW - 60) * 1000).toISOString(),
    consecutiveFailures: 3,
  },
);

/** A calendar-month SLO answered by the demo source. */
export const demoCalendarSlo: SloStatus = status(
  {
    name: 'scoring-availability',
    description: 'Payments scored without an error',
    objectives: [{ name: '', target: 0.995 }],
    window: { type: 'calendar', unit: 'month', timeZone: 'Europe/Berlin', label: 'month' },
  },
  { sli: 0.9981 },
  { source: 'demo', sourceType: 'demo', demo: true },
);

/** Validation problems with field paths. */
export const problems: ValidationProblem[] = [
  {
    entityRef: CHECKOUT_REF,
    annotation: SLO_ANNOTATION,
    path: '[1].objective',
    message: 'The objective must be a percentage between 0 and 100, such as 99.9.',
    found: '999',
    expected: 'a number above 0 and below 100',
  },
  {
    entityRef: CHECKOUT_REF,
    annotation: SLO_ANNOTATION,
    path: '[0].sli.ratoi',
    message: 'Unknown key "ratoi" in the SLI.',
    didYouMean: 'ratio',
  },
];

/** An entity's SLO list as the API returns it. */
export function entitySlosResponse(
  slos: SloStatus[],
  entityProblems: ValidationProblem[] = [],
): EntitySlosResponse {
  return { entityRef: CHECKOUT_REF, slos, problems: entityProblems, now: NOW_ISO };
}

/** A downsampled series from `from` to `to` with `count` points, dipping below 99.9% in the middle. */
export function makeSeries(options: {
  name?: string;
  from: number;
  to: number;
  count?: number;
  gapAt?: number;
}): SloSeriesResponse {
  const count = options.count ?? 48;
  const step = Math.max(1, Math.floor((options.to - options.from) / count));
  const points: SloSeriesPoint[] = [];
  for (let i = 1; i <= count; i++) {
    const t = options.from + i * step;
    const dip = Math.exp(-(((i - count / 2) / (count / 8)) ** 2));
    const sli = 0.9995 - 0.0012 * dip;
    const missing = options.gapAt !== undefined && i === options.gapAt;
    points.push({
      from: t - step,
      t,
      good: missing ? 0 : Math.round(10_000 * sli),
      total: missing ? 0 : 10_000,
      sli: missing ? null : sli,
      budgetRemaining: missing ? null : 1 - (i / count) * 1.3,
      burnRate: missing ? null : (1 - sli) / 0.001,
    });
  }
  return {
    sloId: `${CHECKOUT_REF}/${options.name ?? 'checkout-availability'}`,
    from: options.from,
    to: options.to,
    stepSeconds: step,
    points,
  };
}

/** Twelve months of history, two missed, the last in progress. */
export function makeHistory(
  name = 'checkout-availability',
  period: 'week' | 'month' = 'month',
): SloHistoryResponse {
  const periods = [];
  for (let i = 0; i < 12; i++) {
    const start =
      period === 'month'
        ? Date.UTC(2025, 11 + i, 1) / 1000
        : NOW - (12 - i) * 7 * DAY;
    const end =
      period === 'month' ? Date.UTC(2025, 12 + i, 1) / 1000 : start + 7 * DAY;
    const missed = i === 3 || i === 9;
    const sli = missed ? 0.9971 : 0.9995;
    const month = new Date(start * 1000);
    periods.push({
      start,
      end,
      label:
        period === 'month'
          ? `${month.getUTCFullYear()}-${String(month.getUTCMonth() + 1).padStart(2, '0')}`
          : `2026-W${String(35 + i).padStart(2, '0')}`,
      good: Math.round(sli * 1_000_000),
      total: 1_000_000,
      sli,
      verdict: missed ? ('missed' as const) : ('met' as const),
      met: !missed,
      inProgress: i === 11,
      coverage: 1,
    });
  }
  return { sloId: `${CHECKOUT_REF}/${name}`, period, minimumEvents: 0, periods };
}

function scorecardSlo(overrides: Partial<ScorecardSlo>): ScorecardSlo {
  return {
    entityRef: CHECKOUT_REF,
    entityTitle: 'Checkout',
    name: 'checkout-availability',
    objective: 0.999,
    window: '30d',
    sli: 0.99961,
    budgetRemaining: 0.61,
    health: 'met',
    paging: false,
    ticketing: false,
    dataState: 'ok',
    previousPeriodSli: 0.9993,
    previousPeriodVerdict: 'met',
    changePoints: 0.03,
    sparkline: [0.9995, 0.9996, 0.9994, 0.9996, 0.9997],
    demo: false,
    ...overrides,
  };
}

/** Rows of the scorecard: payments (with a risk sub-team) and search. */
export const scorecardSlos: ScorecardSlo[] = [
  scorecardSlo({
    sli: 0.9987,
    budgetRemaining: -0.3,
    health: 'breaching',
    paging: true,
    previousPeriodSli: 0.9995,
    changePoints: -0.08,
    sparkline: [0.9995, 0.9993, 0.999, 0.9988, 0.9987],
  }),
  scorecardSlo({
    name: 'checkout-latency',
    objective: 0.99,
    sli: 0.9961,
    budgetRemaining: 0.61,
    changePoints: -0.32,
  }),
  scorecardSlo({
    entityRef: 'component:default/fraud-detection',
    entityTitle: 'Fraud detection',
    name: 'scoring-availability',
    objective: 0.995,
    window: 'month',
    sli: 0.9981,
    budgetRemaining: 0.62,
    // Last month had fewer events than the SLO's minimum: no verdict, no change.
    previousPeriodSli: 0.9991,
    previousPeriodVerdict: 'low-traffic',
    changePoints: null,
    demo: true,
  }),
  scorecardSlo({
    entityRef: 'component:default/search-api',
    entityTitle: 'Search API',
    name: 'query-availability',
    objective: 0.9995,
    window: '28d',
    sli: 0.99971,
    budgetRemaining: 0.42,
    previousPeriodSli: 0.9996,
    changePoints: 0.01,
  }),
  scorecardSlo({
    entityRef: 'component:default/search-api',
    entityTitle: 'Search API',
    name: 'query-latency',
    objective: 0.995,
    window: '28d',
    sli: null,
    budgetRemaining: null,
    health: 'unknown',
    dataState: 'no-data',
    previousPeriodSli: null,
    previousPeriodVerdict: 'no-data',
    changePoints: null,
    sparkline: [null, null, null],
  }),
];

/**
 * Groups: engineering > payments > payments-risk, engineering > search, with
 * the figures the backend gives the rows above (worked out by hand): meeting
 * now are checkout-latency, scoring-availability and query-availability;
 * query-latency is unknown. Known in both periods: checkout-availability
 * (met → misses), checkout-latency (met → meets), query-availability (met →
 * meets); scoring-availability had too little traffic last period. Services
 * without SLOs (none in the rows above, counted by the backend): payments 2
 * (1 with a suggestion), search 2 (both), engineering their sum.
 */
export const scorecardGroups: ScorecardGroup[] = [
  {
    groupRef: 'group:default/engineering',
    title: 'Engineering',
    parentRef: null,
    childRefs: ['group:default/payments', 'group:default/search'],
    services: 3,
    slos: 5,
    meeting: 3,
    unknown: 1,
    meetingShare: 0.75,
    paging: 1,
    worstBudget: {
      entityRef: CHECKOUT_REF,
      entityTitle: 'Checkout',
      name: 'checkout-availability',
      budgetRemaining: -0.3,
    },
    trend: { compared: 3, meetingBefore: 3, meetingNow: 2, points: -33.3 },
    withoutSlos: { services: 4, withSuggestion: 3 },
  },
  {
    groupRef: 'group:default/payments',
    title: 'Payments',
    parentRef: 'group:default/engineering',
    childRefs: ['group:default/payments-risk'],
    services: 2,
    slos: 3,
    meeting: 2,
    unknown: 0,
    meetingShare: 2 / 3,
    paging: 1,
    worstBudget: {
      entityRef: CHECKOUT_REF,
      entityTitle: 'Checkout',
      name: 'checkout-availability',
      budgetRemaining: -0.3,
    },
    trend: { compared: 2, meetingBefore: 2, meetingNow: 1, points: -50 },
    withoutSlos: { services: 2, withSuggestion: 1 },
  },
  {
    groupRef: 'group:default/payments-risk',
    title: 'Payments risk',
    parentRef: 'group:default/payments',
    childRefs: [],
    services: 1,
    slos: 1,
    meeting: 1,
    unknown: 0,
    meetingShare: 1,
    paging: 0,
    worstBudget: {
      entityRef: 'component:default/fraud-detection',
      entityTitle: 'Fraud detection',
      name: 'scoring-availability',
      budgetRemaining: 0.62,
    },
    trend: { compared: 0, meetingBefore: 0, meetingNow: 0, points: null },
    withoutSlos: { services: 0, withSuggestion: 0 },
  },
  {
    groupRef: 'group:default/search',
    title: 'Search',
    parentRef: 'group:default/engineering',
    childRefs: [],
    services: 1,
    slos: 2,
    meeting: 1,
    unknown: 1,
    meetingShare: 1,
    paging: 0,
    worstBudget: {
      entityRef: 'component:default/search-api',
      entityTitle: 'Search API',
      name: 'query-availability',
      budgetRemaining: 0.42,
    },
    trend: { compared: 1, meetingBefore: 1, meetingNow: 1, points: 0 },
    withoutSlos: { services: 2, withSuggestion: 2 },
  },
];

/** The whole organisation's scorecard, or one group's rows when `group` is given. */
export function scorecardResponse(group?: string): ScorecardResponse {
  const members: Record<string, string[]> = {
    'group:default/payments': [CHECKOUT_REF, 'component:default/fraud-detection'],
    'group:default/payments-risk': ['component:default/fraud-detection'],
    'group:default/search': ['component:default/search-api'],
  };
  const slos = group && members[group]
    ? scorecardSlos.filter(row => members[group].includes(row.entityRef))
    : scorecardSlos;
  // The backend's summary is the figures of the rows it returns: a group's own.
  const scope =
    scorecardGroups.find(candidate => candidate.groupRef === group && members[group]) ??
    scorecardGroups[0];
  const summary = {
    services: scope.services,
    slos: scope.slos,
    meeting: scope.meeting,
    unknown: scope.unknown,
    meetingShare: scope.meetingShare,
    paging: scope.paging,
    trend: scope.trend,
    withoutSlos: scope.withoutSlos,
  };
  return { now: NOW_ISO, summary, groups: scorecardGroups, slos };
}

/** The System every fixture composite belongs to. */
export const COMMERCE_REF = 'system:default/commerce';

/** A System that declares composite SLOs and no SLOs of its own. */
export const commerceSystem: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: {
    name: 'commerce',
    title: 'Commerce',
    annotations: {
      [COMPOSITE_SLOS_ANNOTATION]:
        '- name: checkout-journey\n  objective: 99.9\n  window: 30d\n  semantics: events\n  members:\n    - slo: checkout/checkout-availability\n',
    },
  },
  spec: { owner: 'payments' },
};

/**
 * An `events` composite over checkout and payment-gateway, paging: the pooled
 * evaluation of {@link pagingSlo}'s figures, two thirds of the bad events
 * checkout's, and a third member the caller may not read.
 */
export const eventsComposite: CompositeSloStatus = {
  name: 'checkout-journey',
  description: 'Checkout and payment requests served without an error',
  objective: 0.999,
  window: { type: 'rolling', durationSeconds: 30 * DAY, label: '30d' },
  semantics: 'events',
  evaluation: pagingSlo.evaluations[0],
  health: 'paging',
  dataState: 'ok',
  partialMembers: [],
  gridMismatch: null,
  members: [
    {
      visible: true,
      entityRef: 'component:default/payment-gateway',
      sloName: 'availability',
      weight: 1,
      good: 3_997_400,
      total: 4_000_000,
      sli: 0.99935,
      badShare: 2_600 / 7_800,
      health: 'met',
      dataState: 'ok',
    },
    {
      visible: true,
      entityRef: 'component:default/checkout',
      sloName: 'checkout-availability',
      weight: 1,
      good: 5_994_800,
      total: 6_000_000,
      sli: 0.99913,
      badShare: 5_200 / 7_800,
      health: 'paging',
      dataState: 'ok',
    },
    { visible: false, label: 'another entity' },
  ],
};

/** A `weighted` composite meeting its objective, one member without data (partial). */
export const weightedComposite: CompositeSloStatus = {
  name: 'checkout-experience',
  objective: 0.995,
  window: { type: 'rolling', durationSeconds: 30 * DAY, label: '30d' },
  semantics: 'weighted',
  weighted: {
    at: NOW,
    objective: 0.995,
    windowStart: NOW - 30 * DAY,
    windowEnd: NOW,
    sli: 0.998,
    errorBudgetRemaining: 0.6,
    burnRates: { '5m': 0.3, '30m': 0.4, '1h': 0.4, '2h': 0.4, '6h': 0.5, '1d': 0.4, '3d': 0.4 },
    alerts: alertStates({
      target: 0.995,
      burnRates: [
        [0.4, 0.3],
        [0.5, 0.4],
        [0.4, 0.4],
        [0.4, 0.5],
      ],
    }),
    health: 'met',
    memberSlis: [0.9992, 0.9962, null],
  },
  health: 'met',
  dataState: 'partial',
  partialMembers: ['component:default/recommendations/recommendations-availability'],
  gridMismatch: null,
  members: [
    {
      visible: true,
      entityRef: 'component:default/checkout',
      sloName: 'checkout-availability',
      weight: 3,
      good: 5_995_200,
      total: 6_000_000,
      sli: 0.9992,
      badShare: 0.3,
      health: 'met',
      dataState: 'ok',
    },
    {
      visible: true,
      entityRef: 'component:default/checkout',
      sloName: 'checkout-latency',
      weight: 1.5,
      good: 5_977_200,
      total: 6_000_000,
      sli: 0.9962,
      badShare: 0.7,
      health: 'at-risk',
      dataState: 'ok',
    },
    {
      visible: true,
      entityRef: 'component:default/recommendations',
      sloName: 'recommendations-availability',
      weight: 1,
      good: 0,
      total: 0,
      sli: null,
      badShare: 0,
      health: 'unknown',
      dataState: 'no-data',
    },
  ],
};

/** A System's composites as the API returns them. */
export function entityCompositesResponse(
  composites: CompositeSloStatus[] = [eventsComposite, weightedComposite],
  compositeProblems: ValidationProblem[] = [],
): EntityCompositesResponse {
  return { entityRef: COMMERCE_REF, composites, problems: compositeProblems, now: NOW_ISO };
}

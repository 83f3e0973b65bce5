import { stringify } from 'yaml';
import { formatDuration } from '../math/parseDuration';
import { canonicalDuration } from '../math/parseWindow';
import type { ComparisonOperator, EventQuery, SloDefinition, SloWindow } from '../model/SloDefinition';
import { describeAlertRule, portalAlertRules } from './readAlertPolicies';
import { fromEventQuery, histogramToSelectors, MINIMUM_EVENTS_ANNOTATION } from './openSloQueries';
import { openSloTypeOf } from './openSloSourceTypes';
import { toBudgetAdjustments } from './toBudgetAdjustments';
import { fieldsOf, OPENSLO_V1, OPENSLO_V2ALPHA } from './openSloVersions';

const OPERATOR_NAMES: Record<ComparisonOperator, string> = { '<': 'lt', '<=': 'lte', '>': 'gt', '>=': 'gte' };
const CALENDAR_DURATIONS = { week: '1w', month: '1M', quarter: '1Q' } as const;
/** A Monday, start of a month and of a quarter: every calendar unit's periods line up with it. */
const CALENDAR_START = '2024-01-01 00:00:00';

/**
 * Options of {@link toOpenSlo}.
 *
 * @public
 */
export interface ToOpenSloOptions {
  /**
   * `metricSource.type` for SLOs that state neither a source nor a source
   * type. Default: none, so the file, like the SLO, is answered by whichever
   * source the portal uses by default, and reads back as the same SLO.
   */
  defaultSourceType?: string;
  /**
   * The version written: `openslo/v1` (default) or `openslo.com/v2alpha`
   * (`sli` for `indicator`; a metric names its source with `dataSourceRef`
   * and its type in `dataSourceSpec`, without `metricSource`).
   */
  apiVersion?: 'openslo/v1' | 'openslo.com/v2alpha';
  /**
   * Also write the portal's burn-rate alerts as `alertPolicies`: one inline
   * AlertPolicy per rule (the spec allows one condition per policy), its
   * AlertCondition `burnrate`, `op: gte`, the factor as `threshold` and the
   * long window as `lookbackWindow` (5-minute buckets). The short window has
   * no OpenSLO field and is not written; notification targets are left empty.
   */
  alertPolicies?: boolean;
}

type Json = Record<string, unknown>;

function metricSource(query: string, slo: SloDefinition, options: ToOpenSloOptions): Json {
  let type: string | undefined;
  if (slo.sourceType !== undefined) type = openSloTypeOf(slo.sourceType);
  else if (!slo.source) type = options.defaultSourceType;
  if ((options.apiVersion ?? OPENSLO_V1) === OPENSLO_V2ALPHA) {
    // v2alpha has no metricSource: the metric names its DataSource itself (enhancements/v2alpha.md, SLI).
    return {
      ...(slo.source ? { dataSourceRef: slo.source } : {}),
      ...(type !== undefined ? { dataSourceSpec: { type } } : {}),
      spec: { query },
    };
  }
  return {
    metricSource: {
      ...(slo.source ? { metricSourceRef: slo.source } : {}),
      ...(type !== undefined ? { type } : {}),
      spec: { query },
    },
  };
}

function events(query: EventQuery, slo: SloDefinition, options: ToOpenSloOptions): Json {
  return metricSource(fromEventQuery(query), slo, options);
}

/** The indicator spec, budgeting method and per-objective fields of an SLO. */
export function indicatorOf(slo: SloDefinition, options: ToOpenSloOptions): { spec: Json; budgetingMethod: string; objectiveFields: Json } {
  const { sli } = slo;
  switch (sli.kind) {
    case 'ratio':
      return {
        spec: {
          ratioMetric: {
            counter: true,
            ...(sli.good ? { good: events(sli.good, slo, options) } : {}),
            ...(sli.bad ? { bad: events(sli.bad, slo, options) } : {}),
            total: events(sli.total, slo, options),
          },
        },
        budgetingMethod: 'Occurrences',
        objectiveFields: {},
      };
    case 'latency':
      if (sli.mode === 'histogram') {
        const selectors = histogramToSelectors(sli.metric, sli.threshold);
        return {
          spec: {
            ratioMetric: {
              counter: true,
              good: metricSource(selectors.good, slo, options),
              total: metricSource(selectors.total, slo, options),
            },
          },
          budgetingMethod: 'Occurrences',
          objectiveFields: {},
        };
      }
      return {
        spec: { thresholdMetric: metricSource(sli.query, slo, options) },
        budgetingMethod: 'Occurrences',
        objectiveFields: { op: OPERATOR_NAMES[sli.operator], value: sli.threshold },
      };
    case 'timeSlice':
    default: {
      const timeSliceWindow = formatDuration(sli.sliceSeconds);
      if ('query' in sli.value) {
        return {
          spec: { thresholdMetric: metricSource(sli.value.query, slo, options) },
          budgetingMethod: 'Timeslices',
          objectiveFields: { op: OPERATOR_NAMES[sli.operator], value: sli.threshold, timeSliceWindow },
        };
      }
      if (sli.sliceRatios) {
        return {
          spec: { ratioMetric: { counter: true, good: events(sli.value.good, slo, options), total: events(sli.value.total, slo, options) } },
          budgetingMethod: 'RatioTimeslices',
          objectiveFields: { timeSliceWindow },
        };
      }
      // OpenSLO compares a slice's ratio with timeSliceTarget as "at least".
      return {
        spec: {
          ratioMetric: {
            counter: true,
            good: events(sli.value.good, slo, options),
            total: events(sli.value.total, slo, options),
          },
        },
        budgetingMethod: 'Timeslices',
        objectiveFields: { timeSliceTarget: sli.threshold, timeSliceWindow },
      };
    }
  }
}

/** An SLO window as OpenSLO's `timeWindow` item. */
export function timeWindowOf(window: SloWindow): Json {
  return window.type === 'rolling'
    ? { duration: canonicalDuration(window.durationSeconds), isRolling: true }
    : {
        duration: CALENDAR_DURATIONS[window.unit],
        isRolling: false,
        calendar: { startTime: CALENDAR_START, timeZone: window.timeZone },
      };
}

/** The OpenSLO SLO document of one definition (v1 unless asked for v2alpha), SLI inlined. */
export function toOpenSloDocument(slo: SloDefinition, options: ToOpenSloOptions = {}): Json {
  const { spec, budgetingMethod, objectiveFields } = indicatorOf(slo, options);
  const metadata: Json = { name: slo.name };
  if (Object.keys(slo.labels).length > 0) metadata.labels = { ...slo.labels };
  if (slo.minimumEvents !== undefined) {
    metadata.annotations = { [MINIMUM_EVENTS_ANNOTATION]: String(slo.minimumEvents) };
  }
  const timeWindow = timeWindowOf(slo.window);
  const service = slo.entityRef.split('/').pop() ?? slo.entityRef;
  const apiVersion = options.apiVersion ?? OPENSLO_V1;
  return {
    apiVersion,
    kind: 'SLO',
    metadata,
    spec: {
      ...(slo.description !== undefined ? { description: slo.description } : {}),
      service,
      [fieldsOf(apiVersion).indicator]: { metadata: { name: `${slo.name}-sli` }, spec },
      timeWindow: [timeWindow],
      budgetingMethod,
      objectives: slo.objectives.map(objective => ({
        ...(objective.name !== '' ? { displayName: objective.name } : {}),
        ...objectiveFields,
        target: objective.target,
      })),
      ...(options.alertPolicies ? { alertPolicies: alertPoliciesOf(slo) } : {}),
    },
  };
}

/** The portal's alert rules for an SLO as inline AlertPolicies, one condition each. */
function alertPoliciesOf(slo: SloDefinition): Json[] {
  return portalAlertRules(slo.window, slo.sli).map(rule => {
    const name = `${slo.name}-${rule.severity}-${formatDuration(rule.longWindowSeconds)}`;
    return {
      kind: 'AlertPolicy',
      metadata: { name },
      spec: {
        description: `${describeAlertRule(rule)}: ${Number((rule.budgetFraction * 100).toPrecision(3))}% of the budget`,
        alertWhenBreaching: true,
        alertWhenResolved: true,
        alertWhenNoData: false,
        conditions: [
          {
            kind: 'AlertCondition',
            metadata: { name },
            spec: {
              severity: rule.severity,
              condition: { kind: 'burnrate', op: 'gte', threshold: rule.factor, lookbackWindow: formatDuration(rule.longWindowSeconds), alertAfter: '0m' },
            },
          },
        ],
        notificationTargets: [],
      },
    };
  });
}

/**
 * Writes SLO definitions as OpenSLO v1 YAML (or `openslo.com/v2alpha` with
 * `apiVersion`): one `SLO` document per definition with its SLI inlined,
 * separated by `---`. The source type (`sourceType`) is written as
 * `metricSource.type`, so the file says which kind of source reads it. What OpenSLO cannot
 * say is kept where it can be: `minimumEvents` as the metadata annotation
 * `slo-kit.dev/minimum-events`; a histogram SLI as the ratio of its `_bucket`
 * (at `le`) and `_count` series, which {@link parseOpenSlo} reads back as the
 * histogram. A time-slice ratio compared with an operator other than `>=` has
 * no OpenSLO spelling and is written as `>=`. In v2alpha, the SLOs'
 * corrections are written as `BudgetAdjustment` documents after them; v1 has
 * no such kind and leaves them out.
 *
 * @public
 */
export function toOpenSlo(slos: readonly SloDefinition[], options: ToOpenSloOptions = {}): string {
  // Corrections are BudgetAdjustments, a kind only v2alpha has: v1 leaves them out.
  const adjustments = options.apiVersion === OPENSLO_V2ALPHA ? toBudgetAdjustments(slos) : [];
  return [...slos.map(slo => toOpenSloDocument(slo, options)), ...adjustments]
    .map(document => stringify(document, { lineWidth: 0 }))
    .join('---\n');
}

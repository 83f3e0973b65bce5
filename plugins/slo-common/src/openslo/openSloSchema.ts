import { OPENSLO_V1ALPHA, OPENSLO_V2ALPHA } from './openSloVersions';

/** A YAML type a field may hold. `null` values count as absent. */
export type YamlType = 'string' | 'number' | 'boolean' | 'mapping' | 'list';

/**
 * What one field of an OpenSLO document holds, as the specification's
 * section for it says: the YAML types accepted, the fields of a mapping (or
 * the shape of every value of a free-keyed mapping), the items of a list,
 * an example that shows how to write it, and the spec's section.
 */
export interface FieldShape {
  /** The types accepted; empty: anything ("everything that is valid YAML can be put here"). */
  accepts: readonly YamlType[];
  /** Known fields of a mapping; other keys are not checked (implementations may add their own). */
  fields?: Readonly<Record<string, FieldShape>>;
  /** The shape of every value of a mapping with free keys (labels, annotations). */
  values?: FieldShape;
  /** The shape of every item of a list. */
  items?: FieldShape;
  /** How to write the field, shown in the problem. */
  example: string;
  /** The section of the spec that defines the field, for the problem. */
  section: string;
}

const README = 'the OpenSLO README';
const V2 = 'enhancements/v2alpha.md';

function shape(accepts: readonly YamlType[], example: string, section: string, more: Partial<FieldShape> = {}): FieldShape {
  return { accepts, example, section, ...more };
}

const text = (example: string, section: string) => shape(['string'], example, section);
const number = (example: string, section: string) => shape(['number'], example, section);
const flag = (example: string, section: string) => shape(['boolean'], example, section);
const anything = (example: string, section: string) => shape([], example, section);
const mapping = (fields: Record<string, FieldShape>, example: string, section: string) =>
  shape(['mapping'], example, section, { fields });
const list = (items: FieldShape, example: string, section: string) => shape(['list'], example, section, { items });

/** `metadata` of every kind (General Schema): a name, and labels whose values are strings or lists of strings. */
function metadataShape(section: string): FieldShape {
  return mapping(
    {
      name: text('name: checkout-availability', section),
      displayName: text('displayName: Checkout availability', section),
      labels: shape(['mapping'], 'labels: {team: payments, tier: ["1"]}', section, {
        values: shape(['string', 'list'], 'team: payments, or team: [payments, checkout]; quote numbers ("1")', section, {
          items: text('a string such as "tier-1" (quote numbers: "1")', section),
        }),
      }),
      annotations: shape(['mapping'], 'annotations: {slo-kit.dev/minimum-events: "100"}', section, {
        values: text('a string; quote numbers: slo-kit.dev/minimum-events: "100"', section),
      }),
    },
    'metadata: {name: checkout-availability}',
    section,
  );
}

/** One metric of an SLI (`thresholdMetric`, `good`, `bad`, `total`, `raw`), as each version writes it. */
function metricShape(apiVersion: string): FieldShape {
  const section = `${README}, SLI (metricSource)`;
  const query = mapping({ query: text('query: http_requests_total{code!~"5.."}', section) }, 'spec: {query: http_requests_total}', section);
  if (apiVersion === OPENSLO_V2ALPHA) {
    const v2 = `${V2}, SLI`;
    return mapping(
      {
        dataSourceRef: text('dataSourceRef: prometheus', v2),
        dataSourceSpec: mapping(
          { type: text('type: Prometheus', v2), description: text('description: text', v2), connectionDetails: anything('connectionDetails: {…}', v2) },
          'dataSourceSpec: {type: Prometheus}',
          v2,
        ),
        spec: { ...query, section: v2 },
      },
      'good: {dataSourceRef: prometheus, spec: {query: http_requests_total{code!~"5.."}}}',
      v2,
    );
  }
  const fields: Record<string, FieldShape> = {
    metricSource: mapping(
      {
        metricSourceRef: text('metricSourceRef: prometheus', section),
        type: text('type: Prometheus', section),
        spec: query,
      },
      'metricSource: {metricSourceRef: prometheus, spec: {query: http_requests_total}}',
      section,
    ),
  };
  if (apiVersion === OPENSLO_V1ALPHA) {
    // v1alpha wrote {source, queryType, query} directly.
    const alpha = `${README} (v1alpha), SLI`;
    Object.assign(fields, { source: text('source: prometheus', alpha), queryType: text('queryType: promql', alpha), query: text('query: http_requests_total', alpha) });
  }
  return mapping(fields, 'good: {metricSource: {spec: {query: http_requests_total{code!~"5.."}}}}', section);
}

/** An SLI's `spec`: a ratioMetric or a thresholdMetric. */
function sliSpecShape(apiVersion: string): FieldShape {
  const section = apiVersion === OPENSLO_V2ALPHA ? `${V2}, SLI` : `${README}, SLI`;
  const metric = metricShape(apiVersion);
  return mapping(
    {
      description: text('description: Requests without a server error', section),
      thresholdMetric: metric,
      ratioMetric: mapping(
        {
          counter: flag('counter: true (no quotes)', `${README}, SLI (ratioMetric.counter)`),
          good: metric,
          bad: metric,
          total: metric,
          raw: metric,
          rawType: text('rawType: success', `${README}, SLI (ratioMetric.rawType)`),
        },
        'ratioMetric: {counter: true, good: …, total: …}',
        section,
      ),
    },
    'spec: {ratioMetric: {counter: true, good: …, total: …}}',
    section,
  );
}

/** An inline SLI (`indicator`, v2alpha `sli`): metadata and spec. v1alpha put the metric directly in it. */
function inlineSliShape(apiVersion: string): FieldShape {
  const section = `${README}, SLO (indicator)`;
  const spec = sliSpecShape(apiVersion);
  const fields: Record<string, FieldShape> = { metadata: metadataShape(section), spec };
  if (apiVersion === OPENSLO_V1ALPHA) Object.assign(fields, spec.fields);
  return mapping(fields, 'indicator: {metadata: {name: good-requests}, spec: {ratioMetric: …}}', section);
}

function timeWindowShape(apiVersion: string): FieldShape {
  const section = `${README}, SLO (timeWindow)`;
  const item = mapping(
    {
      duration: text('duration: 30d', section),
      isRolling: flag('isRolling: true (no quotes)', section),
      calendar: mapping(
        { startTime: text('startTime: "2024-01-01 00:00:00"', section), timeZone: text('timeZone: Europe/Berlin', section) },
        'calendar: {startTime: "2024-01-01 00:00:00", timeZone: UTC}',
        section,
      ),
      // v1alpha: {count, unit}
      ...(apiVersion === OPENSLO_V1ALPHA ? { count: number('count: 28', section), unit: text('unit: Day', section) } : {}),
    },
    '- {duration: 30d, isRolling: true}',
    section,
  );
  return list(item, 'timeWindow: [{duration: 30d, isRolling: true}]', section);
}

function alertConditionSpecShape(): FieldShape {
  const section = `${README}, AlertCondition`;
  return mapping(
    {
      description: text('description: Two percent of the budget in an hour', section),
      severity: text('severity: page', section),
      condition: mapping(
        {
          kind: text('kind: burnrate', section),
          op: text('op: gte', section),
          threshold: number('threshold: 14.4', section),
          lookbackWindow: text('lookbackWindow: 1h', section),
          alertAfter: text('alertAfter: 5m', section),
        },
        'condition: {kind: burnrate, op: gte, threshold: 14.4, lookbackWindow: 1h}',
        section,
      ),
    },
    'spec: {severity: page, condition: {kind: burnrate, op: gte, threshold: 14.4, lookbackWindow: 1h}}',
    section,
  );
}

function notificationTargetSpecShape(): FieldShape {
  const section = `${README}, AlertNotificationTarget`;
  return mapping({ target: text('target: slack', section), description: text('description: text', section) }, 'spec: {target: slack}', section);
}

function alertPolicySpecShape(): FieldShape {
  const section = `${README}, AlertPolicy`;
  const inline = (spec: FieldShape, ref: string, refExample: string) =>
    mapping(
      { [ref]: text(refExample, section), kind: text('kind: AlertCondition', section), metadata: metadataShape(section), spec },
      `- ${refExample}`,
      section,
    );
  return mapping(
    {
      description: text('description: Page on a fast burn', section),
      alertWhenNoData: flag('alertWhenNoData: false (no quotes)', section),
      alertWhenResolved: flag('alertWhenResolved: true (no quotes)', section),
      alertWhenBreaching: flag('alertWhenBreaching: true (no quotes)', section),
      conditions: list(inline(alertConditionSpecShape(), 'conditionRef', 'conditionRef: fast-burn'), 'conditions: [{conditionRef: fast-burn}]', section),
      notificationTargets: list(
        inline(notificationTargetSpecShape(), 'targetRef', 'targetRef: on-call'),
        'notificationTargets: [{targetRef: on-call}]',
        section,
      ),
    },
    'spec: {alertWhenBreaching: true, conditions: [{conditionRef: fast-burn}], notificationTargets: [{targetRef: on-call}]}',
    section,
  );
}

function objectivesShape(apiVersion: string): FieldShape {
  const section = `${README}, SLO (Objectives)`;
  const fields: Record<string, FieldShape> = {
    displayName: text('displayName: standard', section),
    op: text('op: lte', section),
    value: number('value: 0.3', section),
    target: number('target: 0.999', section),
    targetPercent: number('targetPercent: 99.9', section),
    timeSliceTarget: number('timeSliceTarget: 0.95', section),
    timeSliceWindow: shape(['string', 'number'], 'timeSliceWindow: 5m (a number is minutes)', section),
    compositeWeight: number('compositeWeight: 1', section),
  };
  const fieldsOfVersion: Record<string, FieldShape> = apiVersion === OPENSLO_V2ALPHA
    ? { sli: inlineSliShape(apiVersion), sliRef: text('sliRef: good-requests', section), labels: anything('labels: {…}', section) }
    : { indicator: inlineSliShape(apiVersion), indicatorRef: text('indicatorRef: good-requests', section) };
  Object.assign(fields, fieldsOfVersion);
  if (apiVersion === OPENSLO_V1ALPHA) {
    fields.ratioMetrics = sliSpecShape(apiVersion).fields!.ratioMetric;
  }
  return list(mapping(fields, '- {displayName: standard, target: 0.999}', section), 'objectives: [{target: 0.999}]', section);
}

function sloSpecShape(apiVersion: string): FieldShape {
  const section = apiVersion === OPENSLO_V2ALPHA ? `${V2}, SLO` : `${README}, SLO`;
  const indicator: Record<string, FieldShape> = apiVersion === OPENSLO_V2ALPHA
    ? { sli: inlineSliShape(apiVersion), sliRef: text('sliRef: good-requests', section) }
    : { indicator: inlineSliShape(apiVersion), indicatorRef: text('indicatorRef: good-requests', section) };
  const policy = alertPolicySpecShape();
  return mapping(
    {
      description: text('description: Checkout requests without a server error', section),
      service: text('service: checkout', section),
      ...indicator,
      [apiVersion === OPENSLO_V1ALPHA ? 'timeWindows' : 'timeWindow']: timeWindowShape(apiVersion),
      budgetingMethod: text('budgetingMethod: Occurrences', section),
      objectives: objectivesShape(apiVersion),
      alertPolicies: list(
        shape(['string', 'mapping'], '- alertPolicyRef: page-on-fast-burn', `${README}, SLO (alertPolicies)`, {
          fields: {
            alertPolicyRef: text('alertPolicyRef: page-on-fast-burn', `${README}, SLO (alertPolicies)`),
            kind: text('kind: AlertPolicy', section),
            metadata: metadataShape(section),
            spec: policy,
          },
        }),
        'alertPolicies: [{alertPolicyRef: page-on-fast-burn}]',
        `${README}, SLO (alertPolicies)`,
      ),
    },
    'spec: {indicatorRef: …, timeWindow: […], budgetingMethod: Occurrences, objectives: […]}',
    section,
  );
}

/** The `spec` of each kind. */
function specShape(apiVersion: string, kind: string): FieldShape {
  switch (kind) {
    case 'SLO':
      return sloSpecShape(apiVersion);
    case 'SLI':
      return sliSpecShape(apiVersion);
    case 'DataSource': {
      const section = apiVersion === OPENSLO_V2ALPHA ? `${V2}, DataSource` : `${README}, DataSource`;
      return mapping(
        { description: text('description: text', section), type: text('type: Prometheus', section), connectionDetails: anything('connectionDetails: {…}', section) },
        'spec: {type: Prometheus}',
        section,
      );
    }
    case 'AlertPolicy':
      return alertPolicySpecShape();
    case 'AlertCondition':
      return alertConditionSpecShape();
    case 'AlertNotificationTarget':
      return notificationTargetSpecShape();
    case 'Service':
      return mapping({ description: text('description: text', `${README}, Service`) }, 'spec: {description: text}', `${README}, Service`);
    default: {
      // BudgetAdjustment: the v2alpha proposal (OpenSLO pull request 301), Nobl9's fields.
      const section = `${V2}, BudgetAdjustment (OpenSLO pull request 301)`;
      return mapping(
        {
          description: text('description: Weekly database maintenance', section),
          firstEventStart: text('firstEventStart: "2026-11-01T02:00:00Z"', section),
          duration: text('duration: 2h', section),
          endTime: text('endTime: "2026-11-01T04:00:00Z"', section),
          rrule: text('rrule: FREQ=WEEKLY;BYDAY=SU', section),
          sloMatchers: list(mapping({ sloRef: text('sloRef: checkout-availability', section) }, '- sloRef: checkout-availability', section), 'sloMatchers: [{sloRef: checkout-availability}]', section),
        },
        'spec: {firstEventStart, duration, rrule, sloMatchers}',
        section,
      );
    }
  }
}

/** The shape of a whole document of a kind in a version. */
export function documentShape(apiVersion: string, kind: string): FieldShape {
  const section = `${README}, General Schema`;
  return mapping(
    {
      apiVersion: text('apiVersion: openslo/v1', section),
      kind: text('kind: SLO', section),
      metadata: metadataShape(section),
      spec: specShape(apiVersion, kind),
    },
    'apiVersion: openslo/v1, kind, metadata, spec',
    section,
  );
}

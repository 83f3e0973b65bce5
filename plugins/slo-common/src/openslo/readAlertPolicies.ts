import { formatDuration, parseDuration } from '../math/parseDuration';
import type { SliSpec, SloWindow } from '../model/SloDefinition';
import type { BurnRateAlertRule } from '../model/SloEvaluation';
import { alertRulesFor, DEFAULT_BUCKET_SECONDS } from '../resolution/alertRulesFor';
import { storageBucketSeconds } from '../resolution/storageBucketSeconds';
import { didYouMean } from '../util/didYouMean';
import { isRecord, OpenSloDocument, OpenSloProblems } from './openSloDocuments';

/** AlertPolicy and AlertCondition documents by name. */
export interface AlertDocuments {
  policies: ReadonlyMap<string, OpenSloDocument>;
  conditions: ReadonlyMap<string, OpenSloDocument>;
  /** `AlertPolicy/name` and `AlertCondition/name` of documents with type problems, reported already. */
  broken: ReadonlySet<string>;
}

/** How the portal's rule reads in a message: `14.4× over 1h/5m (page)`. */
export function describeAlertRule(rule: BurnRateAlertRule): string {
  return `${rule.factor}× over ${formatDuration(rule.longWindowSeconds)}/${formatDuration(rule.shortWindowSeconds)} (${rule.severity})`;
}

/** What one SLO's alert policies are compared with. */
export interface AlertContext {
  problems: OpenSloProblems;
  alerts: AlertDocuments;
  document: OpenSloDocument;
  sloName: string;
  window: SloWindow;
  sli: SliSpec;
}

/**
 * The portal's multi-window burn-rate rules for an SLO as parsed here: the
 * default 5-minute bucket (a time slice longer than it is its own bucket).
 * A portal configured with other buckets scales the windows the same way.
 */
export function portalAlertRules(window: SloWindow, sli: SliSpec): BurnRateAlertRule[] {
  const bucketSeconds = storageBucketSeconds(sli, 0, DEFAULT_BUCKET_SECONDS).storage;
  return alertRulesFor(window, { bucketSeconds });
}

/**
 * Compares one burn-rate AlertCondition (README, AlertCondition) with the
 * portal's rules: it agrees when one rule has its `threshold` as the factor
 * and its `lookbackWindow` as the long window (and its severity, when it says
 * page or ticket). Anything else is reported as not carried over.
 */
function compareCondition(context: AlertContext, at: OpenSloDocument, path: string, spec: Record<string, unknown>, rules: BurnRateAlertRule[]): void {
  const report = (where: string, message: string, details: { found?: unknown; expected?: string } = {}) =>
    context.problems.report(at, where, `${message} The SLO is read and alerts with the portal's rules for its window: ${rules.map(describeAlertRule).join(', ')}.`, details, context.sloName);
  const condition = isRecord(spec.condition) ? spec.condition : undefined;
  if (!condition) {
    report(`${path}.condition`, 'the AlertCondition has no condition, so there is nothing to compare.', { expected: 'condition: {kind: burnrate, op: gte, threshold: 14.4, lookbackWindow: 1h}' });
    return;
  }
  const kind = condition.kind ?? 'burnrate';
  if (kind !== 'burnrate') {
    report(`${path}.condition.kind`, `condition kind ${JSON.stringify(kind)} is not carried over: the portal alerts on burn rates only (kind: burnrate).`, { found: kind, expected: 'burnrate' });
    return;
  }
  if (condition.op !== 'gte' && condition.op !== 'gt') {
    report(`${path}.condition.op`, `op ${JSON.stringify(condition.op ?? null)} is not carried over: the portal's alerts fire when the burn rate reaches the factor (op: gte).`, { found: condition.op, expected: 'gte' });
    return;
  }
  const lookback = parseDuration(condition.lookbackWindow);
  const threshold = condition.threshold;
  const rule = rules.find(candidate => typeof threshold === 'number' && Math.abs(candidate.factor - threshold) < 1e-9 && candidate.longWindowSeconds === lookback);
  if (!rule) {
    report(`${path}.condition`, `the burn-rate condition ${String(threshold)}× over ${String(condition.lookbackWindow)} has no counterpart among the portal's rules, so it is not carried over (a factor and a long window must both match one rule).`, {
      found: `${String(threshold)}× over ${String(condition.lookbackWindow)}`,
      expected: rules.map(candidate => `threshold: ${candidate.factor}, lookbackWindow: ${formatDuration(candidate.longWindowSeconds)}`).join('; '),
    });
    return;
  }
  const severity = spec.severity;
  if ((severity === 'page' || severity === 'ticket') && severity !== rule.severity) {
    report(`${path}.severity`, `severity "${severity}" is not carried over: the portal's ${describeAlertRule(rule)} rule is a ${rule.severity}.`, { found: severity, expected: rule.severity });
  }
  const noDelay = condition.alertAfter === undefined || (typeof condition.alertAfter === 'string' && /^\s*0+[a-zA-Z]?\s*$/.test(condition.alertAfter));
  const alertAfter = noDelay ? 0 : parseDuration(condition.alertAfter);
  if (alertAfter !== 0) {
    report(`${path}.condition.alertAfter`, `alertAfter ${JSON.stringify(condition.alertAfter)} is not carried over: the portal's alerts fire as soon as both windows burn at the factor; the short window (${formatDuration(rule.shortWindowSeconds)}) is what keeps a burn that has stopped from alerting.`, {
      found: condition.alertAfter,
      expected: 'alertAfter: 0m, or none',
    });
  }
}

/** One entry of `alertPolicies`: a name (`alertPolicyRef`, or a plain string), or an AlertPolicy inline. */
function resolvePolicy(context: AlertContext, entry: unknown, path: string): { document: OpenSloDocument; path: string; spec: Record<string, unknown> } | undefined {
  const { alerts, document } = context;
  if (isRecord(entry) && isRecord(entry.spec)) return { document, path: `${path}.spec`, spec: entry.spec };
  const name = typeof entry === 'string' ? entry : isRecord(entry) && entry.alertPolicyRef;
  const found = typeof name === 'string' ? alerts.policies.get(name) : undefined;
  if (found && isRecord(found.value.spec)) return { document: found, path: 'spec', spec: found.value.spec };
  if (alerts.broken.has(`AlertPolicy/${String(name)}`)) return undefined;
  context.problems.report(document, path, `no AlertPolicy named ${JSON.stringify(name || null)} was found, so its conditions cannot be compared with the portal's alert rules; the SLO is read and alerts with them.`, {
    found: name || entry,
    expected: alerts.policies.size > 0 ? `one of ${[...alerts.policies.keys()].join(', ')}` : 'an AlertPolicy document in the same files',
    didYouMean: typeof name === 'string' ? didYouMean(name, [...alerts.policies.keys()]) : undefined,
  }, context.sloName);
  return undefined;
}

/**
 * Reads an SLO's `alertPolicies` (README, SLO and AlertPolicy) and maps them
 * onto the portal's multi-window burn-rate alerts: a burn-rate condition
 * that one of the portal's rules already is (same factor and long window) is
 * carried over as that rule; what cannot be (another factor or window, a
 * non-burn-rate kind, `lte`, `alertAfter`, a differing severity,
 * `alertWhenNoData`, `alertWhenBreaching: false`) is reported by its
 * spec term. These problems never leave the SLO out: it alerts with the
 * portal's rules either way. Notification targets are the implementation's
 * business (README, AlertNotificationTarget) and are not read.
 */
export function readAlertPolicies(context: AlertContext, entries: unknown): void {
  if (!Array.isArray(entries) || entries.length === 0) return;
  const rules = portalAlertRules(context.window, context.sli);
  entries.forEach((entry, index) => {
    const policy = resolvePolicy(context, entry, `spec.alertPolicies[${index}]`);
    if (!policy) return;
    const { spec } = policy;
    const report = (key: string, message: string, found: unknown) =>
      context.problems.report(policy.document, `${policy.path}.${key}`, message, { found }, context.sloName);
    if (spec.alertWhenNoData === true) {
      report('alertWhenNoData', 'alertWhenNoData is not carried over: the portal shows no data as its own state on the SLO and never alerts on it. The SLO is read.', true);
    }
    if (spec.alertWhenBreaching === false) {
      report('alertWhenBreaching', 'alertWhenBreaching: false is not carried over: the portal\'s burn-rate alerts cannot be turned off for one SLO. The SLO is read and alerts with them.', false);
    }
    const conditions = Array.isArray(spec.conditions) ? spec.conditions : [];
    conditions.forEach((condition: unknown, position: number) => {
      const path = `${policy.path}.conditions[${position}]`;
      if (isRecord(condition) && isRecord(condition.spec)) {
        compareCondition(context, policy.document, `${path}.spec`, condition.spec, rules);
        return;
      }
      const name = isRecord(condition) ? condition.conditionRef : undefined;
      const found = typeof name === 'string' ? context.alerts.conditions.get(name) : undefined;
      if (found && isRecord(found.value.spec)) {
        compareCondition(context, found, 'spec', found.value.spec, rules);
        return;
      }
      if (context.alerts.broken.has(`AlertCondition/${String(name)}`)) return;
      context.problems.report(policy.document, `${path}.conditionRef`, `no AlertCondition named ${JSON.stringify(name ?? null)} was found, so it cannot be compared with the portal's alert rules; the SLO is read and alerts with them.`, {
        found: name,
        expected: context.alerts.conditions.size > 0 ? `one of ${[...context.alerts.conditions.keys()].join(', ')}` : 'an AlertCondition document in the same files',
        didYouMean: typeof name === 'string' ? didYouMean(name, [...context.alerts.conditions.keys()]) : undefined,
      }, context.sloName);
    });
  });
}

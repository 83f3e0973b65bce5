import { Document, isMap, isSeq } from 'yaml';
import {
  CORRECTIONS_NOT_IN_RULES,
  correctionsNotInRulesComment,
} from './correctionsNotInRules';
import { compositeAsSloDefinition } from '../composites/compositeAsSloDefinition';
import { alertRulesFor } from '../resolution/alertRulesFor';
import { nominalWindowSeconds } from '../math/parseWindow';
import type { SloDefinition, SloObjective } from '../model';
import type { BurnRateAlertRule } from '../model/SloEvaluation';
import { promDuration } from '../promql/promDuration';
import { prometheusSliProblems } from '../promql/prometheusSliProblems';
import {
  compositeErrorRatioQuery,
  errorRatioQuery,
} from '../promql/windowQueries';
import {
  WEIGHTED_COMPOSITE_NOT_EXPORTED,
  type PrometheusRulesOptions,
} from './PrometheusRulesOptions';

/**
 * Name of the recording rule that holds the error ratio over a window.
 *
 * @public
 */
export function errorRatioRecordName(windowSeconds: number): string {
  return `slo:error_ratio:${promDuration(windowSeconds)}`;
}

/**
 * The alert every burn-rate rule raises; `severity` and the windows tell them apart.
 *
 * @public
 */
export const BURN_RATE_ALERT_NAME = 'SloErrorBudgetBurn';

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const OWN_LABELS = new Set([
  'severity',
  'slo_entity',
  'slo_name',
  'slo_objective',
  'slo_objective_name',
  'slo_window',
  'long_window',
  'short_window',
  'burn_rate',
]);

/** 0.001 rather than 0.0010000000000000009. */
function tidy(value: number): number {
  return Number(value.toPrecision(12));
}

function percent(fraction: number): string {
  return `${tidy(fraction * 100)}`;
}

function quoteLabelValue(value: string): string {
  return JSON.stringify(value);
}

interface RuleGroup {
  name: string;
  interval?: string;
  rules: Array<Record<string, unknown>>;
}

function alertRule(
  slo: SloDefinition,
  objective: SloObjective,
  rule: BurnRateAlertRule,
  selector: string,
  periodLabel: string,
  periodSeconds: number,
  options: PrometheusRulesOptions,
): Record<string, unknown> {
  const budget = tidy(1 - objective.target);
  const threshold = tidy(rule.factor * budget);
  const long = promDuration(rule.longWindowSeconds);
  const short = promDuration(rule.shortWindowSeconds);
  const objectiveText = `${percent(objective.target)}%`;
  const labels: Record<string, string> = {};
  for (const [key, value] of Object.entries(slo.labels)) {
    if (LABEL_NAME.test(key) && !OWN_LABELS.has(key) && !key.startsWith('__')) {
      labels[key] = value;
    }
  }
  Object.assign(labels, {
    severity: rule.severity,
    slo_entity: slo.entityRef,
    slo_name: slo.name,
    slo_objective: percent(objective.target),
    ...(objective.name ? { slo_objective_name: objective.name } : {}),
    slo_window: periodLabel,
    long_window: long,
    short_window: short,
    burn_rate: String(rule.factor),
  });
  const lasts = promDuration(Math.round(periodSeconds / rule.factor / 60) * 60);
  const url = options.sloUrl?.(slo);
  return {
    alert: BURN_RATE_ALERT_NAME,
    expr: [
      `${errorRatioRecordName(
        rule.longWindowSeconds,
      )}${selector} >= ${threshold}`,
      'and',
      `${errorRatioRecordName(
        rule.shortWindowSeconds,
      )}${selector} >= ${threshold}`,
    ].join('\n'),
    labels,
    annotations: {
      summary: `SLO ${slo.name} of ${slo.entityRef} is burning its error budget ${rule.factor}x too fast (${rule.severity})`,
      description:
        `At least ${percent(
          threshold,
        )}% of events failed over both the last ${long} and the last ${short}, ` +
        `against an objective of ${objectiveText} over ${periodLabel}. At ${rule.factor}x the whole ${periodLabel} ` +
        `budget lasts ${lasts}; this alert fires once about ${percent(
          rule.budgetFraction,
        )}% of it is spent. ` +
        `What to do: open the SLO in the portal to see since when it burns, check recent deploys and the ` +
        `service's dashboards, and follow ${errorRatioRecordName(
          rule.shortWindowSeconds,
        )}${selector} to see ` +
        `whether it is still failing.`,
      ...(url ? { slo_url: url } : {}),
    },
  };
}

function neverFiresComment(
  objective: SloObjective,
  rule: BurnRateAlertRule,
): string {
  const budget = tidy(1 - objective.target);
  return (
    ` ${rule.severity} alert ${rule.factor}x over ${promDuration(
      rule.longWindowSeconds,
    )}/` +
    `${promDuration(rule.shortWindowSeconds)} for objective ${percent(
      objective.target,
    )}%` +
    `${
      objective.name ? ` (${objective.name})` : ''
    } is not emitted: it can never fire. ` +
    `Even if every event failed, the budget of ${percent(
      budget,
    )}% would burn only ` +
    `${tidy(1 / budget)}x, less than ${
      rule.factor
    }x. Raise the objective to alert on this SLO.`
  );
}

/**
 * The rules of one SLO's group: a `slo:error_ratio:<window>` recording rule
 * per alert window (`errorRatio` gives its PromQL) and the burn-rate alerts
 * of every objective, with comments for alerts that can never fire.
 */
function sloGroupRules(
  slo: SloDefinition,
  bucketSeconds: number,
  errorRatio: (windowSeconds: number) => string,
  options: PrometheusRulesOptions,
): { rules: Array<Record<string, unknown>>; comments: string[] } {
  const rules = alertRulesFor(slo.window, { bucketSeconds });
  const windows = [
    ...new Set(rules.flatMap(r => [r.shortWindowSeconds, r.longWindowSeconds])),
  ].sort((a, b) => a - b);
  const ownLabels = { slo_entity: slo.entityRef, slo_name: slo.name };
  const selector = `{slo_entity=${quoteLabelValue(
    slo.entityRef,
  )}, slo_name=${quoteLabelValue(slo.name)}}`;
  const periodSeconds = nominalWindowSeconds(slo.window);

  const groupRules: Array<Record<string, unknown>> = windows.map(seconds => ({
    record: errorRatioRecordName(seconds),
    expr: errorRatio(seconds),
    labels: ownLabels,
  }));
  const comments: string[] = [];
  for (const objective of slo.objectives) {
    for (const rule of rules) {
      if (rule.factor * (1 - objective.target) > 1) {
        comments.push(neverFiresComment(objective, rule));
        continue;
      }
      groupRules.push(
        alertRule(
          slo,
          objective,
          rule,
          selector,
          slo.window.label,
          periodSeconds,
          options,
        ),
      );
    }
  }
  return { rules: groupRules, comments };
}

/**
 * A Prometheus rule file (YAML) for SLOs: per SLO one group with
 *
 * - recording rules `slo:error_ratio:<window>` (labels `slo_entity`,
 *   `slo_name`) for every alert window, each computed from event counts over
 *   the whole window (`increase` over 3 days, never an average of short
 *   ratios), so they agree with the portal's event-weighted figures;
 * - the SRE Workbook's multi-window multi-burn-rate alerts
 *   (`SloErrorBudgetBurn`: page 14.4x 1h/5m and 6x 6h/30m, ticket 3x 1d/2h
 *   and 1x 3d/6h for 30 days, windows scaled to the SLO's period), one set
 *   per objective, labelled with severity, entity, SLO, objective and windows.
 *
 * An `events` composite (`options.composites`) gets the same group, named
 * and labelled with the composite's entity and name, whose recording rules
 * sum its members' good and total events over each window, so its alerts
 * fire on the burn rates the portal shows for it. `weighted` composites are
 * not exported ({@link WEIGHTED_COMPOSITE_NOT_EXPORTED}).
 *
 * Alerts that can never fire for an objective (factor × (1 − objective) \> 1)
 * are written as comments saying why, not dropped silently; SLIs and
 * composites that cannot be written as PromQL are listed in a comment at the
 * top with the reason.
 *
 * @public
 */
export function generatePrometheusRules(
  slos: SloDefinition[],
  options: PrometheusRulesOptions = {},
): string {
  const bucketSecondsOf = (slo: SloDefinition): number =>
    typeof options.bucketSeconds === 'function'
      ? options.bucketSeconds(slo)
      : options.bucketSeconds ?? 300;
  const groups: RuleGroup[] = [];
  const groupComments: string[] = [];
  const skipped: string[] = [];

  for (const slo of slos) {
    const bucketSeconds = bucketSecondsOf(slo);
    const problems = prometheusSliProblems(slo.sli, bucketSeconds, options);
    if (problems.length > 0) {
      skipped.push(` ${slo.id}: not exported: ${problems.join('; ')}`);
      continue;
    }
    const { rules: groupRules, comments } = sloGroupRules(
      slo,
      bucketSeconds,
      seconds => errorRatioQuery(slo.sli, seconds, options),
      options,
    );
    groups.push({
      name: `slo:${slo.id}`,
      ...(options.interval ? { interval: options.interval } : {}),
      rules: groupRules,
    });
    groupComments.push(
      [correctionsNotInRulesComment([slo]), ...comments]
        .filter(Boolean)
        .join('\n'),
    );
  }

  const exportedIds = new Set(groups.map(group => group.name));
  for (const entry of options.composites ?? []) {
    const { composite } = entry;
    let reason = entry.notExported;
    if (reason === undefined && composite.semantics !== 'events') {
      reason = WEIGHTED_COMPOSITE_NOT_EXPORTED;
    } else if (reason === undefined && !entry.members?.length) {
      reason = 'its members could not be resolved';
    }
    if (reason !== undefined || !entry.members) {
      skipped.push(` composite ${composite.id}: not exported: ${reason}`);
      continue;
    }
    const members = entry.members;
    const memberProblems = members.flatMap(({ definition }) =>
      prometheusSliProblems(
        definition.sli,
        bucketSecondsOf(definition),
        options,
      ).map(problem => `member ${definition.id}: ${problem}`),
    );
    if (members.some(({ definition }) => definition.sli.kind === 'timeSlice')) {
      memberProblems.push(
        'a member counts time slices, not events, which cannot be pooled',
      );
    }
    if (memberProblems.length > 0) {
      skipped.push(
        ` composite ${composite.id}: not exported: ${memberProblems.join(
          '; ',
        )}`,
      );
      continue;
    }
    const slo = compositeAsSloDefinition(composite, members);
    if (exportedIds.has(`slo:${slo.id}`)) {
      skipped.push(
        ` composite ${composite.id}: not exported: ${slo.entityRef} also has an SLO named "${slo.name}", and the two would record the same series; rename the composite`,
      );
      continue;
    }
    exportedIds.add(`slo:${slo.id}`);
    const bucketSeconds = Math.max(
      ...members.map(({ definition }) => bucketSecondsOf(definition)),
    );
    const slis = members.map(({ definition }) => definition.sli);
    const { rules: groupRules, comments } = sloGroupRules(
      slo,
      bucketSeconds,
      seconds => compositeErrorRatioQuery(slis, seconds, options),
      options,
    );
    groups.push({
      name: `slo:${slo.id}`,
      ...(options.interval ? { interval: options.interval } : {}),
      rules: groupRules,
    });
    groupComments.push(
      [
        ` Composite SLO (events): the good and total events of its ${
          members.length
        } member(s) summed over each window: ${members
          .map(({ definition }) => definition.id)
          .join(', ')}.`,
        correctionsNotInRulesComment(members.map(m => m.definition)),
        ...comments,
      ]
        .filter(Boolean)
        .join('\n'),
    );
  }

  // Plain copies rather than YAML anchors: rule files are read by people.
  const document = new Document({ groups }, { aliasDuplicateObjects: false });
  document.commentBefore = [
    ' Prometheus rules for SLOs, generated by slo-kit from the catalog. Regenerate rather than edit.',
    ' Recording rules: slo:error_ratio:<window> (bad events / all events over the window).',
    ` Alerts: ${BURN_RATE_ALERT_NAME}, multi-window multi-burn-rate (Google SRE Workbook).`,
    CORRECTIONS_NOT_IN_RULES,
    ...skipped,
  ].join('\n');
  const groupNodes = document.get('groups', true);
  if (isSeq(groupNodes)) {
    groupNodes.items.forEach((node, index) => {
      if (groupComments[index] && isMap(node))
        node.commentBefore = groupComments[index];
    });
  }
  return document.toString({ lineWidth: 0 });
}

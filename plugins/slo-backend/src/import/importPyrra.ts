import type { ImportedSlo, ImportOptions } from './ImportedSlo';
import type { NoteWriter } from './ImportReport';
import { entityNameFor } from './entityName';
import { mapPyrraIndicator } from './pyrraIndicator';
import { childPath, isRecord, noteUnknownKeys, shown } from './readInput';
import { parseSelector } from './selectorParts';
import { sloNameFor } from './sloName';

const SPEC_KEYS = [
  'description',
  'target',
  'window',
  'indicator',
  'alerting',
  'partial_response_strategy',
  'performanceOverAccuracy',
  'ruleOutput',
];
const ALERTING_KEYS = [
  'disabled',
  'burnrates',
  'absent',
  'name',
  'absentName',
  'severities',
];
/** Labels with this prefix are copied onto Pyrra's rules without it. */
const PROPAGATED = 'pyrra.dev/';
const IGNORED_ANNOTATIONS = [
  'kubectl.kubernetes.io/last-applied-configuration',
];

function noteAlerting(value: unknown, path: string, notes: NoteWriter): void {
  if (value === undefined || value === null) return;
  if (!isRecord(value)) {
    notes.notCarried(path, `alerting must be a mapping, not ${shown(value)}.`);
    return;
  }
  noteUnknownKeys(value, ALERTING_KEYS, path, notes, 'Pyrra alerting');
  if (value.disabled === true || value.burnrates === false) {
    const key = value.disabled === true ? 'disabled' : 'burnrates';
    notes.notCarried(
      childPath(path, key),
      "the portal always computes burn-rate alerts and `yarn slo rules` always writes them; leave this SLO's rules out of what you deploy if it must not alert.",
    );
  }
  if (value.absent !== undefined) {
    notes.notCarried(
      childPath(path, 'absent'),
      'there is no absent-metric alert: the portal shows the SLO as "no data" when its metrics are missing.',
    );
  }
  for (const key of ['name', 'absentName']) {
    if (typeof value[key] === 'string' && value[key] !== '') {
      notes.notCarried(
        childPath(path, key),
        `the alert name "${value[key]}": the portal's rules name every burn-rate alert SloErrorBudgetBurn; tell SLOs apart by the slo_name label.`,
      );
    }
  }
  if (value.severities !== undefined) {
    notes.notCarried(
      childPath(path, 'severities'),
      'alert severities: the portal labels its fast burn-rate alerts severity="page" and its slow ones severity="ticket"; map those in Alertmanager.',
    );
  }
}

/** Pyrra windows are Prometheus durations; the portal has no `y`, so a year is 365d. */
function windowOf(value: unknown, path: string, notes: NoteWriter): unknown {
  if (typeof value !== 'string') return value;
  const years = /^(\d+)y$/.exec(value.trim());
  if (!years) return value.trim();
  const days = `${Number(years[1]) * 365}d`;
  notes.changed(path, `${value} is written ${days}.`);
  return days;
}

function labelsOf(
  metadata: Record<string, unknown>,
  notes: NoteWriter,
): Record<string, string> {
  const labels: Record<string, string> = {};
  const others: string[] = [];
  const source = isRecord(metadata.labels) ? metadata.labels : {};
  for (const [key, value] of Object.entries(source)) {
    if (key.startsWith(PROPAGATED))
      labels[key.slice(PROPAGATED.length)] = String(value);
    else others.push(`${key}: ${String(value)}`);
  }
  if (others.length > 0) {
    notes.notCarried(
      'metadata.labels',
      `the resource's labels {${others.join(
        ', ',
      )}} choose which Prometheus loads Pyrra's rules; only labels prefixed ${PROPAGATED} label the SLO, and are carried.`,
    );
  }
  const annotations = isRecord(metadata.annotations)
    ? Object.keys(metadata.annotations).filter(
        key => !IGNORED_ANNOTATIONS.includes(key),
      )
    : [];
  if (annotations.length > 0) {
    notes.notCarried(
      'metadata.annotations',
      `annotations (${annotations.join(
        ', ',
      )}) have no place in an SLO of the portal.`,
    );
  }
  if (typeof metadata.namespace === 'string') {
    notes.notCarried(
      'metadata.namespace',
      `Pyrra labels its rules namespace="${metadata.namespace}"; the portal's rules are labelled slo_entity and slo_name.`,
    );
  }
  return labels;
}

/** The entity: --entity, else the `job` the total selector matches, else the SLO's name. */
function entityFor(
  selector: string,
  sloName: string,
  options: ImportOptions,
  notes: NoteWriter,
): string | undefined {
  if (options.entityName !== undefined) return options.entityName;
  const job = parseSelector(selector)?.matchers.find(
    matcher => matcher.name === 'job' && matcher.operator === '=',
  );
  if (job) {
    const name = entityNameFor(
      job.value,
      'spec.indicator',
      notes,
      'Pass --entity <name>.',
    );
    if (name !== undefined) {
      notes.changed(
        'spec.indicator',
        `Pyrra SLOs name no service: this one goes to the entity "${name}", the job its selector matches. Pass --entity <name> to choose.`,
      );
    }
    return name;
  }
  const name = entityNameFor(
    sloName,
    'metadata.name',
    notes,
    'Pass --entity <name>.',
  );
  if (name !== undefined) {
    notes.changed(
      'metadata.name',
      `Pyrra SLOs name no service, and the selector matches no job="…": this one goes to an entity named after the SLO, "${name}". Pass --entity <name> to choose.`,
    );
  }
  return name;
}

/**
 * Reads a Pyrra `ServiceLevelObjective` (`pyrra.dev/v1alpha1`) into an
 * annotation item: ratio and latency indicators as ratio and histogram SLIs,
 * bool_gauge as a gauge SLI; labels prefixed `pyrra.dev/` as the SLO's
 * labels. Native-histogram latency is refused; grouping and alerting
 * settings are noted as not carried.
 */
export function importPyrra(
  document: Record<string, unknown>,
  notes: NoteWriter,
  options: ImportOptions,
): ImportedSlo[] {
  noteUnknownKeys(
    document,
    ['apiVersion', 'kind', 'metadata', 'spec', 'status'],
    '',
    notes,
    'a ServiceLevelObjective',
  );
  const metadata = isRecord(document.metadata) ? document.metadata : {};
  const spec = document.spec;
  if (typeof metadata.name !== 'string' || metadata.name === '') {
    notes.refused(
      'metadata.name',
      "the ServiceLevelObjective has no metadata.name, which is the SLO's name.",
    );
    return [];
  }
  if (!isRecord(spec)) {
    notes.refused(
      'spec',
      `the ServiceLevelObjective needs a spec with target, window and indicator, not ${shown(
        spec,
      )}.`,
    );
    return [];
  }
  noteUnknownKeys(
    spec,
    SPEC_KEYS,
    'spec',
    notes,
    'a ServiceLevelObjective spec',
  );
  const indicator = mapPyrraIndicator(spec.indicator, 'spec.indicator', notes);
  if (!indicator) return [];
  const entityName = entityFor(
    indicator.serviceSelector,
    metadata.name,
    options,
    notes,
  );
  if (entityName === undefined) return [];
  const item: Record<string, unknown> = {
    name: sloNameFor(metadata.name, 'metadata.name', notes),
  };
  const fieldPaths: Record<string, string> = {
    name: 'metadata.name',
    sli: 'spec.indicator',
  };
  if (typeof spec.description === 'string' && spec.description !== '') {
    item.description = spec.description;
    fieldPaths.description = 'spec.description';
  }
  item.sli = indicator.sli;
  if (spec.target === undefined) {
    notes.refused(
      'spec.target',
      'the SLO has no target (a percentage such as "99.5").',
    );
    return [];
  }
  item.objective =
    typeof spec.target === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(spec.target)
      ? Number(spec.target)
      : spec.target;
  fieldPaths.objective = 'spec.target';
  if (spec.window === undefined) {
    notes.refused('spec.window', 'the SLO has no window (such as 28d).');
    return [];
  }
  item.window = windowOf(spec.window, 'spec.window', notes);
  fieldPaths.window = 'spec.window';
  const labels = labelsOf(metadata, notes);
  if (Object.keys(labels).length > 0) {
    item.labels = labels;
    fieldPaths.labels = 'metadata.labels';
  }
  noteAlerting(spec.alerting, 'spec.alerting', notes);
  for (const key of [
    'partial_response_strategy',
    'performanceOverAccuracy',
    'ruleOutput',
  ]) {
    if (spec[key] !== undefined) {
      notes.notCarried(
        childPath('spec', key),
        `${key} tunes the rules Pyrra generates; the portal computes its own figures and \`yarn slo rules\` writes its own rules.`,
      );
    }
  }
  return [
    {
      entityName,
      item,
      notes,
      path: '',
      fieldPaths,
      format: 'Pyrra ServiceLevelObjective',
    },
  ];
}

import { parseWindow, rollingWindow } from '../math/parseWindow';
import { sloId } from '../math/sloId';
import type { SloDefinition, SloObjective, SloWindow } from '../model/SloDefinition';
import { didYouMean } from '../util/didYouMean';
import { childPath, ProblemCollector, showValue } from './ProblemCollector';
import { readMapping, readName, readPercent, readString, suggestedKeys } from './readFields';
import { readSli } from './readSli';

/** Keys of one SLO in the `slo-kit.dev/slos` list (and of a template's body). */
export const SLO_KEYS = [
  'name',
  'description',
  'source',
  'sli',
  'objective',
  'objectives',
  'window',
  'labels',
  'minimumEvents',
] as const;

/** A rolling 30 days, as Sloth and most SLO tools default to. */
export const DEFAULT_WINDOW: SloWindow = rollingWindow(30 * 86400);

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const MAX_LABELS = 32;

/** Context for reading one SLO. */
export interface SloItemContext {
  entityRef: string;
  origin: SloDefinition['origin'];
  /** Source instances configured in app-config; unchecked when undefined. */
  knownSources?: readonly string[];
  /** Name to use when the item has none (templates default to their own name). */
  defaultName?: string;
}

function readObjectives(
  record: Record<string, unknown>,
  path: string,
  problems: ProblemCollector,
): SloObjective[] | undefined {
  if (record.objective !== undefined && record.objectives !== undefined) {
    problems.add(childPath(path, 'objectives'), 'Set either "objective" (one target) or "objectives" (several named targets), not both.', {
      expected: 'objective: 99.9, or objectives: [{name: standard, target: 99.9}]',
    });
    return undefined;
  }
  if (record.objective !== undefined) {
    const target = readPercent(record.objective, childPath(path, 'objective'), problems, 'The objective');
    return target === undefined ? undefined : [{ name: '', target }];
  }
  if (record.objectives === undefined) {
    const suggested = suggestedKeys(record, SLO_KEYS);
    if (suggested.has('objective') || suggested.has('objectives')) return undefined;
    problems.add(childPath(path, 'objective'), 'The SLO has no objective: add the target percentage of good events.', {
      expected: 'objective: 99.9',
    });
    return undefined;
  }
  const listPath = childPath(path, 'objectives');
  if (!Array.isArray(record.objectives) || record.objectives.length === 0) {
    problems.add(listPath, '"objectives" must be a non-empty list of {name, target}.', {
      found: record.objectives,
      expected: '[{name: standard, target: 99.9}, {name: stretch, target: 99.95}]',
    });
    return undefined;
  }
  const before = problems.count;
  const objectives: SloObjective[] = [];
  const seen = new Set<string>();
  record.objectives.forEach((item, index) => {
    const itemPath = childPath(listPath, index);
    const objective = readMapping(item, itemPath, ['name', 'target'], problems, 'an objective');
    if (!objective) return;
    const name = readName(objective.name, childPath(itemPath, 'name'), problems, 'The objective name');
    const target = readPercent(objective.target, childPath(itemPath, 'target'), problems, 'The target');
    if (name !== undefined && seen.has(name)) {
      problems.add(childPath(itemPath, 'name'), `The objective name "${name}" is used twice; give each objective its own name.`, {
        found: name,
      });
    }
    if (name !== undefined) seen.add(name);
    if (name !== undefined && target !== undefined) objectives.push({ name, target });
  });
  return problems.count > before ? undefined : objectives;
}

function readLabels(value: unknown, path: string, problems: ProblemCollector): Record<string, string> | undefined {
  if (value === undefined) return {};
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    problems.add(path, '"labels" must be a mapping of label names to values.', {
      found: value,
      expected: 'labels: {tier: critical, team: payments}',
    });
    return undefined;
  }
  const before = problems.count;
  const labels: Record<string, string> = {};
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length > MAX_LABELS) {
    problems.add(path, `At most ${MAX_LABELS} labels are allowed.`, { found: `${entries.length} labels` });
  }
  for (const [key, labelValue] of entries) {
    const labelPath = childPath(path, key);
    if (!LABEL_NAME.test(key)) {
      problems.add(labelPath, `"${key}" is not a valid label name: use letters, digits and underscores, not starting with a digit.`, {
        found: key,
        expected: 'a Prometheus label name such as tier or team_name',
        didYouMean: /^[a-zA-Z]/.test(key) ? key.replace(/[^a-zA-Z0-9_]/g, '_') : undefined,
      });
    } else if (typeof labelValue === 'string' || typeof labelValue === 'number' || typeof labelValue === 'boolean') {
      labels[key] = String(labelValue);
    } else {
      problems.add(labelPath, `The label "${key}" must have a text value.`, { found: labelValue, expected: 'text' });
    }
  }
  return problems.count > before ? undefined : labels;
}

/**
 * Reads one SLO (an item of the annotation list, an expanded template, or an
 * OpenSLO-free body) into a definition. Every problem is reported; the SLO is
 * returned only when it has none.
 */
export function readSloItem(
  value: unknown,
  path: string,
  problems: ProblemCollector,
  context: SloItemContext,
): SloDefinition | undefined {
  const rawName = value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>).name : undefined;
  const scoped = problems.scoped({
    // Shortened: every problem of the SLO carries it.
    sloName: typeof rawName === 'string' ? showValue(rawName) : context.defaultName,
  });
  const record = readMapping(value, path, SLO_KEYS, scoped, 'an SLO');
  if (!record) return undefined;
  const before = problems.count;

  let name: string | undefined;
  if (record.name === undefined && context.defaultName !== undefined) name = context.defaultName;
  else if (!(record.name === undefined && suggestedKeys(record, SLO_KEYS).has('name'))) {
    name = readName(record.name, childPath(path, 'name'), scoped, 'The SLO name');
  }
  let description: string | undefined;
  if (record.description !== undefined) {
    description = readString(record.description, childPath(path, 'description'), scoped, 'The description', 'one sentence saying what users get when the SLO is met');
  }
  let source: string | undefined;
  if (record.source !== undefined) {
    source = readString(record.source, childPath(path, 'source'), scoped, 'The source', 'the name of a source instance from app-config');
    if (source !== undefined && context.knownSources && !context.knownSources.includes(source)) {
      scoped.add(childPath(path, 'source'), `No source named "${source}" is configured; leave "source" out for the default source.`, {
        found: source,
        expected: context.knownSources.length > 0 ? `one of ${context.knownSources.join(', ')}` : 'no source: none is configured by name',
        didYouMean: didYouMean(source, context.knownSources),
      });
    }
  }
  const sli =
    record.sli === undefined && suggestedKeys(record, SLO_KEYS).has('sli')
      ? undefined
      : readSli(record.sli, childPath(path, 'sli'), scoped);
  const objectives = readObjectives(record, path, scoped);

  let window: SloWindow | undefined = DEFAULT_WINDOW;
  if (record.window !== undefined) {
    const parsed = parseWindow(record.window);
    if (parsed.ok) window = parsed.value;
    else {
      window = undefined;
      // The message quotes the value; a huge one is shown shortened.
      const quoted = typeof record.window === 'string' ? record.window : '';
      const message = quoted.length > 120 ? parsed.message.split(quoted).join(showValue(quoted)) : parsed.message;
      scoped.add(childPath(path, 'window'), message, {
        found: record.window,
        expected: parsed.expected,
        didYouMean: parsed.didYouMean,
      });
    }
  }
  const labels = readLabels(record.labels, childPath(path, 'labels'), scoped);
  let minimumEvents: number | undefined;
  if (record.minimumEvents !== undefined) {
    const events = record.minimumEvents;
    if (typeof events === 'number' && Number.isInteger(events) && events >= 0) minimumEvents = events;
    else {
      scoped.add(childPath(path, 'minimumEvents'), '"minimumEvents" must be a whole number of events, 0 or more.', {
        found: events,
        expected: 'a whole number such as 100',
      });
    }
  }

  if (
    problems.count > before ||
    name === undefined ||
    !sli ||
    !objectives ||
    !window ||
    !labels
  ) {
    return undefined;
  }
  const definition: SloDefinition = {
    id: sloId(context.entityRef, name),
    entityRef: context.entityRef,
    name,
    sli,
    objectives,
    window,
    labels,
    origin: context.origin,
  };
  if (description !== undefined) definition.description = description;
  if (source !== undefined) definition.source = source;
  if (minimumEvents !== undefined) definition.minimumEvents = minimumEvents;
  return definition;
}

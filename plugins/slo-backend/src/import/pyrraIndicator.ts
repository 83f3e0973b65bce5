import type { NoteWriter } from './ImportReport';
import { childPath, isRecord, noteUnknownKeys, shown } from './readInput';
import { parseSelector, writeSelector } from './selectorParts';

const INDICATOR_KINDS = ['ratio', 'latency', 'latencyNative', 'bool_gauge'];

/** The annotation's `sli` for a Pyrra indicator, and the selector that names the service. */
export interface MappedIndicator {
  sli: Record<string, unknown>;
  /** The total (or gauge) selector: its `job` names the entity when none is given. */
  serviceSelector: string;
}

function metricOf(
  value: unknown,
  path: string,
  notes: NoteWriter,
  what: string,
  known = ['metric'],
): string | undefined {
  const metric = isRecord(value) ? value.metric : undefined;
  if (typeof metric !== 'string' || metric.trim() === '') {
    notes.refused(
      childPath(path, 'metric'),
      `the ${what} has no metric (a series selector such as http_requests_total{job="api"})${
        metric === undefined ? '' : `; found ${shown(metric)}`
      }.`,
    );
    return undefined;
  }
  if (isRecord(value))
    noteUnknownKeys(value, known, path, notes, `the ${what}`);
  return metric.trim();
}

function noteGrouping(
  value: Record<string, unknown>,
  path: string,
  notes: NoteWriter,
): void {
  if (Array.isArray(value.grouping) && value.grouping.length > 0) {
    notes.notCarried(
      childPath(path, 'grouping'),
      `grouping by ${value.grouping.join(
        ', ',
      )}: Pyrra keeps one objective per ${value.grouping.join(
        '/',
      )} value; the portal measures the SLO over all of their events together. For one SLO per value, write one SLO per value with that label in its selectors.`,
    );
  }
}

/**
 * A latency indicator as a histogram SLI when its success metric is the
 * `_bucket` (at one `le`) of the histogram whose `_count` is the total, with
 * the same other matchers; otherwise as the ratio of the two selectors,
 * which the source counts the same way Pyrra does.
 */
function mapLatency(success: string, total: string): Record<string, unknown> {
  const good = parseSelector(success);
  const all = parseSelector(total);
  const base = good && /^(.+)_bucket$/.exec(good.metric)?.[1];
  if (good && all && base && all.metric === `${base}_count`) {
    const le = good.matchers.filter(matcher => matcher.name === 'le');
    const others = good.matchers.filter(matcher => matcher.name !== 'le');
    const threshold =
      le.length === 1 && le[0].operator === '=' ? Number(le[0].value) : NaN;
    const same =
      others.length === all.matchers.length &&
      others.every(matcher =>
        all.matchers.some(
          other =>
            other.name === matcher.name &&
            other.operator === matcher.operator &&
            other.value === matcher.value,
        ),
      );
    if (Number.isFinite(threshold) && threshold > 0 && same) {
      return {
        latency: { histogram: writeSelector(base, all.matchers), threshold },
      };
    }
  }
  return { ratio: { good: success, total } };
}

/**
 * Maps a Pyrra `indicator` (ratio, latency, bool_gauge) to the annotation's
 * `sli`, or notes why it cannot be (latencyNative).
 */
export function mapPyrraIndicator(
  value: unknown,
  path: string,
  notes: NoteWriter,
): MappedIndicator | undefined {
  if (!isRecord(value)) {
    notes.refused(
      path,
      `the SLO has no indicator (ratio, latency or bool_gauge)${
        value === undefined ? '' : `; found ${shown(value)}`
      }.`,
    );
    return undefined;
  }
  noteUnknownKeys(value, INDICATOR_KINDS, path, notes, 'a Pyrra indicator');
  const kinds = INDICATOR_KINDS.filter(kind => value[kind] !== undefined);
  if (kinds.length !== 1) {
    notes.refused(
      path,
      kinds.length === 0
        ? 'the indicator has none of ratio, latency, latencyNative or bool_gauge.'
        : `the indicator sets ${kinds.join(' and ')}; Pyrra takes one.`,
    );
    return undefined;
  }
  const kind = kinds[0];
  const kindPath = childPath(path, kind);
  const spec = value[kind];
  if (!isRecord(spec)) {
    notes.refused(kindPath, `${kind} must be a mapping, not ${shown(spec)}.`);
    return undefined;
  }
  if (kind === 'latencyNative') {
    notes.refused(
      kindPath,
      "a native histogram's share of requests under a latency is interpolated inside its buckets, not counted, and the portal counts events. Expose the latency as a classic histogram (_bucket with le, and _count) and use a latency indicator, or keep this SLO in Pyrra.",
    );
    return undefined;
  }
  if (kind === 'ratio') {
    noteUnknownKeys(
      spec,
      ['errors', 'total', 'grouping'],
      kindPath,
      notes,
      'a Pyrra ratio indicator',
    );
    const errors = metricOf(
      spec.errors,
      childPath(kindPath, 'errors'),
      notes,
      'errors',
    );
    const total = metricOf(
      spec.total,
      childPath(kindPath, 'total'),
      notes,
      'total',
    );
    if (!errors || !total) return undefined;
    noteGrouping(spec, kindPath, notes);
    return { sli: { ratio: { bad: errors, total } }, serviceSelector: total };
  }
  if (kind === 'latency') {
    noteUnknownKeys(
      spec,
      ['success', 'total', 'grouping'],
      kindPath,
      notes,
      'a Pyrra latency indicator',
    );
    const success = metricOf(
      spec.success,
      childPath(kindPath, 'success'),
      notes,
      'success',
    );
    const total = metricOf(
      spec.total,
      childPath(kindPath, 'total'),
      notes,
      'total',
    );
    if (!success || !total) return undefined;
    noteGrouping(spec, kindPath, notes);
    return { sli: mapLatency(success, total), serviceSelector: total };
  }
  const metric = metricOf(spec, kindPath, notes, 'bool_gauge indicator', [
    'metric',
    'grouping',
  ]);
  if (!metric) return undefined;
  noteGrouping(spec, kindPath, notes);
  notes.changed(
    kindPath,
    'a bool gauge is a gauge SLI: each sample is an event, good when the gauge is at least 1. The portal samples the gauge once a minute where Pyrra counts every scraped sample, so the share is the same for regular scrapes and the counts are per minute.',
  );
  return {
    sli: { latency: { gauge: metric, operator: '>=', threshold: 1 } },
    serviceSelector: metric,
  };
}

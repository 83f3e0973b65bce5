import type { NoteWriter } from './ImportReport';
import { childPath, isRecord, noteUnknownKeys, pick, shown } from './readInput';
import { mapSlothQuery, splitErrorRatio, type EventSide } from './slothQuery';

const SLI_KINDS = ['events', 'raw', 'plugin'];
const EVENTS_KEYS = ['error_query', 'errorQuery', 'total_query', 'totalQuery'];
const RAW_KEYS = ['error_ratio_query', 'errorRatioQuery'];
/** `sum_over_time(series[…])` or `avg_over_time(series[…])`: adds up (or averages) a series' values, which need not be counts. */
const VALUES_OVER_TIME =
  /\b(?:sum|avg)_over_time\s*\(\s*[a-zA-Z_:][a-zA-Z0-9_:]*\s*(?:\{[^}]*\}\s*)?\[/;

/** The annotation's keys for one side of a ratio: `bad: SELECTOR` or `badQuery: QUERY`. */
function side(
  key: 'good' | 'bad' | 'total',
  events: EventSide,
): Record<string, string> {
  return 'selector' in events
    ? { [key]: events.selector }
    : { [`${key}Query`]: events.query };
}

/** Maps one Sloth query, noting a refusal at its path. */
function mapped(
  text: unknown,
  path: string,
  notes: NoteWriter,
): { events: EventSide; ratesCounted: boolean } | undefined {
  if (typeof text !== 'string' || text.trim() === '') {
    notes.refused(
      path,
      `the query must be text with [{{.window}}] where the range goes, not ${shown(
        text,
      )}.`,
    );
    return undefined;
  }
  const result = mapSlothQuery(text);
  if (!result.ok) {
    notes.refused(path, result.message);
    return undefined;
  }
  return result;
}

/** What mapping a Sloth query changes, for the report. */
function changedQueries(ratesCounted: boolean): string {
  const window =
    "{{.window}} is written {{window}} (the portal puts each bucket's length there, as Sloth puts each rule's window)";
  return ratesCounted
    ? `${window}, and rate(…) is counted as increase(…): the portal stores the events of each bucket, not per-second rates; the ratio is the same.`
    : `${window}.`;
}

function readEvents(
  value: unknown,
  path: string,
  notes: NoteWriter,
): Record<string, unknown> | undefined {
  if (!isRecord(value)) {
    notes.refused(
      path,
      `events must be a mapping with error_query and total_query, not ${shown(
        value,
      )}.`,
    );
    return undefined;
  }
  noteUnknownKeys(value, EVENTS_KEYS, path, notes, 'a Sloth events SLI');
  const error = pick(value, 'error_query', 'errorQuery');
  const total = pick(value, 'total_query', 'totalQuery');
  if (!error)
    notes.refused(
      childPath(path, 'error_query'),
      'the events SLI has no error_query (the bad events).',
    );
  if (!total)
    notes.refused(
      childPath(path, 'total_query'),
      'the events SLI has no total_query (all events).',
    );
  // Both sides are read even when one is missing, so that every problem is reported at once.
  const bad = error
    ? mapped(error.value, childPath(path, error.key), notes)
    : undefined;
  const all = total
    ? mapped(total.value, childPath(path, total.key), notes)
    : undefined;
  if (!bad || !all) return undefined;
  notes.changed(path, changedQueries(bad.ratesCounted || all.ratesCounted));
  return {
    ratio: { ...side('bad', bad.events), ...side('total', all.events) },
  };
}

function readRaw(
  value: unknown,
  path: string,
  notes: NoteWriter,
): Record<string, unknown> | undefined {
  if (!isRecord(value)) {
    notes.refused(
      path,
      `raw must be a mapping with error_ratio_query, not ${shown(value)}.`,
    );
    return undefined;
  }
  noteUnknownKeys(value, RAW_KEYS, path, notes, 'a Sloth raw SLI');
  const query = pick(value, 'error_ratio_query', 'errorRatioQuery');
  if (!query || typeof query.value !== 'string') {
    notes.refused(
      childPath(path, 'error_ratio_query'),
      'the raw SLI has no error_ratio_query.',
    );
    return undefined;
  }
  const queryPath = childPath(path, query.key);
  const parts = splitErrorRatio(query.value);
  if (!parts) {
    notes.refused(
      queryPath,
      'a raw SLI is a ratio, and the portal stores event counts: it splits "A / B" (A bad events over B) or "1 - (A / B)" (A good events over B) into their events, and this query is neither. Write the SLO as an events SLI (error_query and total_query), or as a time-slice SLI in the annotation.',
    );
    return undefined;
  }
  const numerator = mapped(parts.bad ?? parts.good, queryPath, notes);
  const total = mapped(parts.total, queryPath, notes);
  if (!numerator || !total) return undefined;
  const key = parts.bad !== undefined ? 'bad' : 'good';
  notes.changed(
    queryPath,
    `the error ratio is split into the events it divides: ${key} events over total events. Sloth averages the ratio over time; the portal counts every event once (Σ ${key} / Σ total). In both queries ${changedQueries(
      numerator.ratesCounted || total.ratesCounted,
    )}`,
  );
  const summed = [parts.bad ?? parts.good ?? '', parts.total].find(text =>
    VALUES_OVER_TIME.test(text),
  );
  if (summed !== undefined) {
    notes.changed(
      queryPath,
      `${summed
        .trim()
        .split('\n')[0]
        .trim()} adds up the values of a series: the portal counts events as whole numbers and rounds each bucket's count, so this is exact only when the values are counts (0 or 1 per sample, say). Otherwise count the events themselves, e.g. count_over_time(…) of the bad samples.`,
    );
  }
  return {
    ratio: { ...side(key, numerator.events), ...side('total', total.events) },
  };
}

/**
 * Maps a Sloth SLI (`events`, `raw` or `plugin`) to the annotation's `sli`,
 * or notes why it cannot be.
 */
export function mapSlothSli(
  value: unknown,
  path: string,
  notes: NoteWriter,
): Record<string, unknown> | undefined {
  if (!isRecord(value)) {
    notes.refused(
      path,
      `the SLO has no sli (events, raw or plugin)${
        value === undefined ? '' : `; found ${shown(value)}`
      }.`,
    );
    return undefined;
  }
  noteUnknownKeys(value, SLI_KINDS, path, notes, 'a Sloth SLI');
  const kinds = SLI_KINDS.filter(kind => value[kind] !== undefined);
  if (kinds.length !== 1) {
    notes.refused(
      path,
      kinds.length === 0
        ? 'the sli has none of events, raw or plugin.'
        : `the sli sets ${kinds.join(' and ')}; Sloth takes one.`,
    );
    return undefined;
  }
  const kindPath = childPath(path, kinds[0]);
  if (kinds[0] === 'events') return readEvents(value.events, kindPath, notes);
  if (kinds[0] === 'raw') return readRaw(value.raw, kindPath, notes);
  const id = isRecord(value.plugin) ? value.plugin.id : undefined;
  notes.refused(
    kindPath,
    `SLI plugin ${shown(
      id,
    )} runs Go code inside Sloth, so its queries are not in the file. Run \`sloth generate\` on this file, copy the error and total queries of the plugin's SLI into an events SLI (error_query, total_query with [{{.window}}]), and import again.`,
  );
  return undefined;
}

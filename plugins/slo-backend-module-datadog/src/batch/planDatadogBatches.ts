import type { EventQuery } from '@slo-kit/plugin-slo-common';
import type { SloSourceRequest } from '@slo-kit/plugin-slo-node';
import { splitDatadogSelector } from '../datadogQueries';

/**
 * One side of a ratio SLI that a grouped query can answer: the metric, the
 * scope's other tags, and the value of the tag that tells the SLOs apart.
 */
interface GroupedSide {
  metric: string;
  /** The scope's tags other than the grouping tag, sorted; `*` when none. */
  rest: string;
}

/**
 * Requests that one pair of grouped Datadog queries answers:
 * `sum:<metric>{<rest>} by {<tagKey>}.as_count()` for the total and for the
 * good (or bad) events, each member reading the group `tagKey:<value>`.
 *
 * @internal
 */
export interface DatadogBatch {
  /** The tag whose value tells the members apart, e.g. `service`. */
  tagKey: string;
  total: GroupedSide;
  side: GroupedSide;
  /** True when `side` counts good events, false when it counts bad ones. */
  sideIsGood: boolean;
  start: number;
  end: number;
  bucketSeconds: number;
  requests: SloSourceRequest[];
  /** `values[i]` is the grouping tag's value of `requests[i]`. */
  values: string[];
}

/**
 * A plain `key:value` tag that can name a group exactly: no negation,
 * wildcard, boolean syntax or capital letters (Datadog lowercases tags,
 * so a group's name could differ from the value written).
 */
const GROUPABLE_TAG = /^([a-z][a-z0-9_.\-/]*):([a-z0-9_.\-/]+)$/;

/** The scope's tags as written, or undefined when it is not a plain tag list. */
function scopeTags(scope: string): string[] | undefined {
  if (scope === '*') return [];
  const tags = scope.split(',').map(tag => tag.trim());
  // Boolean syntax (AND, OR, IN, parentheses) cannot be split into groups safely.
  if (tags.some(tag => tag === '' || /[\s()]/.test(tag))) return undefined;
  return tags;
}

/** For each tag key that can group a selector: its value and the rest of the scope. */
function groupings(
  events: EventQuery,
): Map<string, { value: string; side: GroupedSide }> | undefined {
  if (!('selector' in events)) return undefined;
  const parts = splitDatadogSelector(events.selector);
  if (!parts) return undefined;
  const tags = scopeTags(parts.scope);
  if (!tags) return undefined;
  const result = new Map<string, { value: string; side: GroupedSide }>();
  tags.forEach((tag, index) => {
    const match = GROUPABLE_TAG.exec(tag);
    if (!match) return;
    const [, key, value] = match;
    // A key written twice in one scope is ambiguous as a group.
    if (tags.some((other, i) => i !== index && other.startsWith(`${key}:`))) {
      return;
    }
    const rest = tags.filter((_, i) => i !== index).sort();
    result.set(key, {
      value,
      side: {
        metric: parts.metric,
        rest: rest.length > 0 ? rest.join(',') : '*',
      },
    });
  });
  return result;
}

/** The ways a request can join a grouped batch, by batch key. */
function candidates(
  request: SloSourceRequest,
): Array<{ key: string; batch: Omit<DatadogBatch, 'requests' | 'values'>; value: string }> {
  const { sli } = request;
  if (sli.kind !== 'ratio') return [];
  const sideIsGood = !sli.bad;
  const sideEvents = sli.bad ?? sli.good ?? sli.total;
  const total = groupings(sli.total);
  const side = groupings(sideEvents);
  if (!total || !side) return [];
  const result = [];
  for (const [tagKey, totalGroup] of total) {
    const sideGroup = side.get(tagKey);
    // Both queries must pick the same group, or one query per side would differ.
    if (!sideGroup || sideGroup.value !== totalGroup.value) continue;
    const batch = {
      tagKey,
      total: totalGroup.side,
      side: sideGroup.side,
      sideIsGood,
      start: request.start,
      end: request.end,
      bucketSeconds: request.bucketSeconds,
    };
    result.push({ key: JSON.stringify(batch), batch, value: totalGroup.value });
  }
  return result;
}

/**
 * Groups requests whose ratio SLIs are plain selectors that differ only in
 * one tag's value (same metrics, other tags, range and bucket), so one
 * grouped query per side answers them all; each group holds at most
 * `maxValues` requests and at least two distinct values. A request that
 * could group by several tags joins the largest group. Requests that fit
 * nowhere (full queries, latency and time-slice SLIs, `problem` ones) are
 * left out, to be asked alone.
 *
 * @internal
 */
export function planDatadogBatches(
  requests: readonly SloSourceRequest[],
  options: {
    maxValues: number;
    problem?: (request: SloSourceRequest) => string | undefined;
  },
): DatadogBatch[] {
  const candidateLists = requests.map(request =>
    options.problem?.(request) === undefined ? candidates(request) : [],
  );
  const sizes = new Map<string, number>();
  for (const list of candidateLists) {
    for (const { key } of list) sizes.set(key, (sizes.get(key) ?? 0) + 1);
  }
  const groups = new Map<string, DatadogBatch>();
  requests.forEach((request, index) => {
    let best: (typeof candidateLists)[number][number] | undefined;
    for (const candidate of candidateLists[index]) {
      if (!best || sizes.get(candidate.key)! > sizes.get(best.key)!) {
        best = candidate;
      }
    }
    if (!best) return;
    let group = groups.get(best.key);
    if (!group) {
      group = { ...best.batch, requests: [], values: [] };
      groups.set(best.key, group);
    }
    group.requests.push(request);
    group.values.push(best.value);
  });

  const batches: DatadogBatch[] = [];
  const limit = Math.max(2, Math.floor(options.maxValues));
  for (const group of groups.values()) {
    for (let from = 0; from < group.requests.length; from += limit) {
      const requestsPart = group.requests.slice(from, from + limit);
      const values = group.values.slice(from, from + limit);
      // One value alone is cheaper as its own query (no other groups come back).
      if (new Set(values).size < 2) continue;
      batches.push({ ...group, requests: requestsPart, values });
    }
  }
  return batches;
}

/**
 * The grouped query for one side of a batch at its bucket length.
 *
 * @internal
 */
export function groupedCountQuery(
  side: GroupedSide,
  tagKey: string,
  bucketSeconds: number,
): string {
  return `sum:${side.metric}{${side.rest}} by {${tagKey}}.as_count().rollup(sum, ${bucketSeconds})`;
}

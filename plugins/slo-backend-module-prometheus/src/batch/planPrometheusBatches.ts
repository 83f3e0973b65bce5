import { sliBatchVariants } from '@slo-kit/plugin-slo-common';
import type { SloSourceRequest } from '@slo-kit/plugin-slo-node';

/**
 * Requests that one query answers: they differ only in the value of `label`
 * (`values[i]` for `requests[i]`; several requests may share a value).
 */
export interface PrometheusBatch {
  label: string;
  requests: SloSourceRequest[];
  values: string[];
}

/** How {@link planPrometheusBatches} groups. */
export interface PlanPrometheusBatchesOptions {
  /** Most distinct label values (series per side) in one batch. */
  maxValues: number;
  /** Why a request cannot be asked at all, if it cannot: such requests stay alone. */
  problem?: (request: SloSourceRequest) => string | undefined;
}

/** What else must be equal for two requests to share a query. */
function rangeKey(request: SloSourceRequest): string {
  return [
    request.start,
    request.end,
    request.bucketSeconds,
    request.countFromFirstSample === true,
  ].join('/');
}

/**
 * Groups requests into batches: same SLI shape, metric and matchers except
 * one label's value, same range, bucket and counting. A request that fits
 * several groupings (two labels with `=`) joins the largest; requests with a
 * problem, or that fit no grouping, are left out and asked alone. Each batch
 * holds at most `maxValues` distinct values; the requests of one value stay
 * together. A batch of one request is worth it too: its good and total
 * sides are asked with one query instead of two.
 */
export function planPrometheusBatches(
  requests: readonly SloSourceRequest[],
  options: PlanPrometheusBatchesOptions,
): PrometheusBatch[] {
  const candidates = new Map<
    string,
    {
      label: string;
      members: Array<{ request: SloSourceRequest; value: string }>;
    }
  >();
  for (const request of requests) {
    if (options.problem?.(request) !== undefined) continue;
    for (const variant of sliBatchVariants(request.sli)) {
      const key = `${variant.key}@${rangeKey(request)}`;
      const group = candidates.get(key) ?? {
        label: variant.label,
        members: [],
      };
      group.members.push({ request, value: variant.value });
      candidates.set(key, group);
    }
  }

  // Largest groupings first; a request goes to the first that takes it.
  const ordered = [...candidates.entries()].sort(
    ([keyA, a], [keyB, b]) =>
      b.members.length - a.members.length || keyA.localeCompare(keyB),
  );
  const taken = new Set<SloSourceRequest>();
  const batches: PrometheusBatch[] = [];
  for (const [, group] of ordered) {
    const members = group.members.filter(m => !taken.has(m.request));
    if (members.length === 0) continue;
    const byValue = new Map<string, SloSourceRequest[]>();
    for (const member of members) {
      byValue.set(member.value, [
        ...(byValue.get(member.value) ?? []),
        member.request,
      ]);
    }
    const values = [...byValue.keys()];
    for (let from = 0; from < values.length; from += options.maxValues) {
      const batch: PrometheusBatch = {
        label: group.label,
        requests: [],
        values: [],
      };
      for (const value of values.slice(from, from + options.maxValues)) {
        for (const request of byValue.get(value)!) {
          batch.requests.push(request);
          batch.values.push(value);
        }
      }
      for (const request of batch.requests) taken.add(request);
      batches.push(batch);
    }
  }
  return batches;
}

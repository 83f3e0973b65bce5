import type { EventQuery, SliSpec } from '../../model';

/**
 * The SLI with each of its selectors replaced by `map(selector)`, or
 * undefined when a part of it is a full query (which cannot be rewritten) or
 * `map` gives undefined for one of them.
 */
export function mapSliSelectors(
  sli: SliSpec,
  map: (selector: string) => string | undefined,
): SliSpec | undefined {
  let failed = false;
  const mapped = (selector: string): string => {
    const result = map(selector);
    if (result === undefined) failed = true;
    return result ?? selector;
  };
  const events = (query: EventQuery | undefined): EventQuery | undefined => {
    if (query === undefined) return undefined;
    if (!('selector' in query)) {
      failed = true;
      return query;
    }
    return { selector: mapped(query.selector) };
  };
  let result: SliSpec;
  switch (sli.kind) {
    case 'ratio':
      result = {
        kind: 'ratio',
        ...(sli.good ? { good: events(sli.good) } : {}),
        ...(sli.bad ? { bad: events(sli.bad) } : {}),
        total: events(sli.total)!,
      };
      break;
    case 'latency':
      if (sli.mode !== 'histogram') return undefined;
      result = { ...sli, metric: mapped(sli.metric) };
      break;
    case 'timeSlice':
      if ('query' in sli.value) return undefined;
      result = {
        ...sli,
        value: {
          good: events(sli.value.good)!,
          total: events(sli.value.total)!,
        },
      };
      break;
    default:
      return undefined;
  }
  return failed ? undefined : result;
}

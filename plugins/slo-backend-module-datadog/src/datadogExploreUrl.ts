import type { SliSpec } from '@slo-kit/plugin-slo-common';
import { splitDatadogSelector } from './datadogQueries';
import { DATADOG_SITES, DatadogSite } from './datadogSites';

/**
 * A link to Datadog's metrics explorer on `site` for the SLI's main metric
 * (its total events, or its value) over the range; undefined when no metric
 * name can be read from the SLI.
 *
 * @internal
 */
export function datadogExploreUrl(
  site: DatadogSite,
  sli: SliSpec,
  range: { start: number; end: number },
): string | undefined {
  const target = exploreTarget(sli);
  if (!target) return undefined;
  const url = new URL(`https://${DATADOG_SITES[site].app}/metric/explorer`);
  url.searchParams.set('from_ts', String(range.start * 1000));
  url.searchParams.set('to_ts', String(range.end * 1000));
  url.searchParams.set('live', 'false');
  url.searchParams.set('exp_metric', target.metric);
  url.searchParams.set('exp_scope', target.scope);
  url.searchParams.set('exp_agg', target.aggregator);
  url.searchParams.set('exp_row_type', 'metric');
  return url.toString();
}

/** The metric, scope and space aggregator to open for an SLI: its total events, or its value. */
function exploreTarget(
  sli: SliSpec,
): { metric: string; scope: string; aggregator: string } | undefined {
  let text: string;
  let aggregator = 'sum';
  if (sli.kind === 'ratio') {
    text = 'selector' in sli.total ? sli.total.selector : sli.total.query;
  } else if (sli.kind === 'latency') {
    text = sli.mode === 'histogram' ? sli.metric : sli.query;
    aggregator = sli.mode === 'histogram' ? 'count' : 'avg';
  } else if ('query' in sli.value) {
    text = sli.value.query;
    aggregator = 'avg';
  } else {
    text =
      'selector' in sli.value.total
        ? sli.value.total.selector
        : sli.value.total.query;
  }
  const plain = splitDatadogSelector(text);
  if (plain) return { ...plain, aggregator };
  // A full query: take its first `aggregator:metric{scope}`.
  const match =
    /(?:^|[\s(,])(?:([a-z0-9]+):)?([A-Za-z][A-Za-z0-9_.]*)\{([^{}]*)\}/.exec(
      text,
    );
  if (!match) return undefined;
  return {
    metric: match[2],
    scope: match[3].trim() || '*',
    aggregator: match[1] ?? aggregator,
  };
}

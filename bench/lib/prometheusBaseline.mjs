// The baseline: what Prometheus itself takes to answer the 30-day SLI
// queries that a plugin proxying every page view to it would send, measured
// on the same Prometheus and data in the same run. Queries come from the SLO
// engine (`sliRatioQuery`, the portal's own "open in Prometheus" query); the
// scorecard baselines are batched `by (service)`, as a careful proxy would.
import { sloCommon } from './fixtureModule.mjs';

const DAY = 86400;

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)];
}

async function timeQuery(prometheusUrl, path, params) {
  const started = performance.now();
  const res = await fetch(
    `${prometheusUrl}${path}?${new URLSearchParams(params)}`,
  );
  const body = await res.json();
  const ms = performance.now() - started;
  if (body.status !== 'success')
    throw new Error(`Prometheus refused ${params.query}: ${body.error}`);
  return ms;
}

/**
 * p50 of `repeat` runs of each query, summed: the queries one page view
 * needs, one after another. With `warm`, one unmeasured run first
 * (Prometheus has no result cache; it warms the page cache and its own code).
 */
async function measure(prometheusUrl, queries, repeat, warm = true) {
  let total = 0;
  for (const { path, params } of queries) {
    if (warm) await timeQuery(prometheusUrl, path, params);
    const runs = [];
    for (let i = 0; i < repeat; i++)
      runs.push(await timeQuery(prometheusUrl, path, params));
    total += median(runs);
  }
  return total;
}

function instant(query, at) {
  return { path: '/api/v1/query', params: { query, time: String(at) } };
}

function serviceRegex(names) {
  for (const name of names) {
    if (!/^[a-z0-9-]+$/.test(name))
      throw new Error(`service name ${name} needs escaping in a PromQL regex`);
  }
  return names.join('|');
}

/** The three SLIs of the fleet's services, 30 days, one series per service. */
function batchedFleetQueries(names, at) {
  const matcher = `service=~"${serviceRegex(names)}"`;
  const good = `http_requests_total{${matcher},code!~"5.."}`;
  const total = `http_requests_total{${matcher}}`;
  const sliceRatio = `(sum by (service) (increase(${good}[5m])) / (sum by (service) (increase(${total}[5m])) > 0))`;
  return [
    `sum by (service) (increase(${good}[30d])) / sum by (service) (increase(${total}[30d]))`,
    `sum by (service) (increase(http_request_duration_seconds_bucket{${matcher},le=~"0[.]25"}[30d])) / sum by (service) (increase(http_request_duration_seconds_count{${matcher}}[30d]))`,
    `sum by (service) (sum_over_time((${sliceRatio} >= bool 0.99)[30d:5m])) / sum by (service) (count_over_time(${sliceRatio}[30d:5m]))`,
  ].map(query => instant(query, at));
}

/**
 * Baselines for each API measurement:
 * - entity: every SLO of the entity, its 30-day SLI as one instant query each;
 * - series: the rolling 30-day SLI over 30 days as one range query, at the
 *   step the API's series uses (500 points at most, a whole number of 5-minute buckets);
 * - team / org: the three SLIs of all their services, batched by service.
 */
export async function prometheusBaselines({
  prometheusUrl,
  at,
  entity,
  series,
  flagshipSeries,
  team,
  org,
  repeat = 5,
}) {
  const common = sloCommon();
  const sliQuery = sli => common.sliRatioQuery(sli, 30 * DAY);
  const step = Math.ceil((30 * DAY) / 500 / 300) * 300;
  const result = {};
  result.entity = await measure(
    prometheusUrl,
    entity.slis.map(sli => instant(sliQuery(sli), at)),
    repeat,
  );
  if (entity.flagshipSlis) {
    result.flagship = await measure(
      prometheusUrl,
      entity.flagshipSlis.map(sli => instant(sliQuery(sli), at)),
      repeat,
    );
  }
  const rangeQuery = sli => ({
    path: '/api/v1/query_range',
    params: {
      query: sliQuery(sli),
      start: String(at - 30 * DAY + step),
      end: String(at),
      step: String(step),
    },
  });
  result.series = await measure(
    prometheusUrl,
    [rangeQuery(series.sli)],
    repeat,
  );
  if (flagshipSeries) {
    result.flagshipSeries = await measure(
      prometheusUrl,
      [rangeQuery(flagshipSeries.sli)],
      repeat,
    );
  }
  // Seconds per query: fewer runs, or the baseline alone would take minutes.
  result.team = await measure(
    prometheusUrl,
    batchedFleetQueries(team.services, at),
    Math.min(repeat, 2),
  );
  result.org = await measure(
    prometheusUrl,
    batchedFleetQueries(org.services, at),
    1,
    false,
  );
  return result;
}

// Counts the queries Prometheus itself has answered, from its own
// `prometheus_http_requests_total`: an independent check of what the
// collector reports, whatever the source module counts.

/** Queries (instant and range, any status) Prometheus has served so far. */
export async function prometheusQueryCount(prometheusUrl) {
  const text = await (await fetch(`${prometheusUrl}/metrics`)).text();
  let count = 0;
  for (const line of text.split('\n')) {
    const match =
      /^prometheus_http_requests_total\{[^}]*handler="\/api\/v1\/query(?:_range)?"[^}]*\} (\S+)$/.exec(
        line,
      );
    if (match) count += Number(match[1]);
  }
  return count;
}

/**
 * Seconds Prometheus has spent answering queries so far (its own
 * `prometheus_http_request_duration_seconds_sum` of the query handlers):
 * how much of a cycle's wall time the source itself can account for.
 */
export async function prometheusQuerySeconds(prometheusUrl) {
  const text = await (await fetch(`${prometheusUrl}/metrics`)).text();
  let seconds = 0;
  for (const line of text.split('\n')) {
    const match =
      /^prometheus_http_request_duration_seconds_sum\{[^}]*handler="\/api\/v1\/query(?:_range)?"[^}]*\} (\S+)$/.exec(
        line,
      );
    if (match) seconds += Number(match[1]);
  }
  return seconds;
}

/** CPU seconds the Prometheus process has used so far (`process_cpu_seconds_total`). */
export async function prometheusCpuSeconds(prometheusUrl) {
  const text = await (await fetch(`${prometheusUrl}/metrics`)).text();
  const match = /^process_cpu_seconds_total (\S+)$/m.exec(text);
  return match ? Number(match[1]) : NaN;
}

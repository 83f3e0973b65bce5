/**
 * Measures one full backfill against a real Prometheus: every availability
 * and latency SLI of the demo data set (9 services, 35 days at 60 s), 35 days
 * of 5-minute and of 1-hour buckets. Prints query count and wall time, and
 * checks each 30-day sum against the ground truth.
 *
 *   node -r @backstage/cli/config/nodeTransform.cjs plugins/slo-backend-module-prometheus/dev/benchmark.ts
 */
import {
  DEMO_END,
  demoScenarioSpec,
  generateScenario,
  startPrometheus,
} from '@internal/prometheus-fixture';
import { PrometheusSloSource } from '../src/PrometheusSloSource';

async function main() {
  const scenario = generateScenario(demoScenarioSpec());
  let started = Date.now();
  const prometheus = await startPrometheus({ scenario });
  process.stdout.write(
    `backfill + start: ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
  );
  try {
    const names = scenario.groundTruth
      .names()
      .filter(n => n.endsWith(':availability') || n.endsWith(':latency:0.25'));
    for (const [bucketSeconds, concurrency] of [
      [300, 4],
      [300, 1],
      [3600, 4],
    ]) {
      const source = new PrometheusSloSource({
        name: 'bench',
        baseUrl: prometheus.url,
        headers: {},
        timeoutMs: 60_000,
        maxConcurrentQueries: concurrency,
        maxPointsPerRequest: 10000,
      });
      started = Date.now();
      let queries = 0;
      let buckets = 0;
      let worst = 0;
      await Promise.all(
        names.map(async name => {
          const result = await source.fetchBuckets({
            sloId: name,
            sli: scenario.groundTruth.sli(name),
            start: DEMO_END - 35 * 86400,
            end: DEMO_END,
            bucketSeconds,
          });
          queries += result.queryCount;
          buckets += result.buckets.length;
          let good = 0;
          let total = 0;
          for (const b of result.buckets) {
            if (b.start >= DEMO_END - 30 * 86400) {
              good += b.good;
              total += b.total;
            }
          }
          const truth = scenario.groundTruth.events(
            name,
            DEMO_END - 30 * 86400,
            DEMO_END,
          );
          worst = Math.max(
            worst,
            Math.abs(good - truth.good) / truth.good,
            Math.abs(total - truth.total) / truth.total,
          );
        }),
      );
      const seconds = (Date.now() - started) / 1000;
      process.stdout.write(
        `${names.length} SLIs × 35 d of ${bucketSeconds} s buckets, ${concurrency} concurrent: ` +
          `${queries} queries, ${buckets} buckets, ${seconds.toFixed(2)} s ` +
          `(${((seconds / names.length) * 1000).toFixed(
            0,
          )} ms per SLO), worst 30d relative error ${worst}\n`,
      );
    }
  } finally {
    await prometheus.stop();
  }
}

main().catch(error => {
  process.stderr.write(`${error}\n`);
  process.exit(1);
});

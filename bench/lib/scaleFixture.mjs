// The scale fixture: a fleet of services with 35 days of traffic (a year for
// the 300-service division the reliability review is measured on) and one
// "flagship" service with 90 days and ten SLOs, written as OpenMetrics in a
// streaming pass and backfilled into a TSDB with promtool, the same technique
// as the tests (packages/prometheus-fixture). Every service's traffic comes
// from the fixture's own generateScenario, one service at a time, so memory
// stays flat however many services there are.
import { createHash } from 'node:crypto';
import { createWriteStream, existsSync } from 'node:fs';
import { mkdir, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { once } from 'node:events';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fixture } from './fixtureModule.mjs';

const DAY = 86400;
/** Bump when the generator changes in a way the spec does not show. */
const DATA_VERSION = 1;
const COMPLETE_MARKER = '.bench-backfill-complete';

/** A stable pseudo-random number in [0, 1) for service `index` and a purpose. */
function unit(index, salt) {
  const digest = createHash('sha256').update(`${salt}:${index}`).digest();
  return digest.readUInt32BE(0) / 2 ** 32;
}

/**
 * The fleet: `count` services named svc-0000... with traffic from 20 to 3,000
 * requests a minute (log-uniform), and a few with trouble: every 17th is
 * burning its budget in the last two days (pages fire), every 23rd had an
 * outage a fortnight ago, every 50th restarts (counter reset).
 *
 * The first `longHistory.services` (the division the review is measured on)
 * have `longHistory.days` of data instead of `days`, so a review of four
 * quarters reads a year of stored buckets, and every 13th of them had a
 * day-long outage in an earlier quarter (10% errors, 3× latency: a missed
 * quarter for its availability and latency SLOs).
 *
 * @param {{ count: number, end: number, days: number, sampleSeconds: number, longHistory?: { services: number, days: number } }} options
 */
export function fleetSpecs({
  count,
  end,
  days,
  sampleSeconds,
  longHistory = { services: 0, days },
}) {
  const specs = [];
  for (let i = 0; i < count; i++) {
    const long = i < longHistory.services;
    const name = `svc-${String(i).padStart(4, '0')}`;
    const service = {
      name,
      requestsPerMinute: Math.round(20 * Math.pow(150, unit(i, 'rpm'))),
      errorRate: 0.0001 + 0.0009 * unit(i, 'errors'),
      medianLatencySeconds: 0.03 + 0.07 * unit(i, 'latency'),
    };
    const incidents = [];
    if (i % 17 === 5) {
      incidents.push({
        service: name,
        start: end - 2 * DAY,
        durationSeconds: 2 * DAY,
        errorRate: 0.02,
        latencyFactor: 3,
      });
    }
    if (i % 23 === 7) {
      incidents.push({
        service: name,
        start: end - 14 * DAY,
        durationSeconds: 3 * 3600,
        errorRate: 0.3,
        latencyFactor: 5,
      });
    }
    if (long && i % 13 === 4) {
      incidents.push({
        service: name,
        start: end - (120 + (i % 5) * 40) * DAY,
        durationSeconds: DAY,
        errorRate: 0.1,
        latencyFactor: 3,
      });
    }
    const counterResets =
      i % 50 === 3
        ? [{ service: name, at: end - 10 * DAY + 7 * sampleSeconds }]
        : [];
    // A short fleet (--days) leaves out what happened before its start.
    const first = end - (long ? longHistory.days : days) * DAY;
    specs.push({
      end,
      days: long ? longHistory.days : days,
      sampleIntervalSeconds: sampleSeconds,
      seed: 1000 + i,
      services: [service],
      incidents: incidents.filter(incident => incident.start >= first),
      counterResets: counterResets.filter(reset => reset.at >= first),
      latencyBuckets: [0.25],
    });
  }
  return specs;
}

/** The flagship: 90 days, all five latency boundaries, a slow spell and a fresh incident. */
export function flagshipSpec({ end, sampleSeconds }) {
  const name = 'flagship';
  return {
    end,
    days: 90,
    sampleIntervalSeconds: sampleSeconds,
    seed: 90,
    services: [
      {
        name,
        requestsPerMinute: 900,
        errorRate: 0.0003,
        medianLatencySeconds: 0.08,
      },
    ],
    incidents: [
      {
        service: name,
        start: end - 40 * DAY,
        durationSeconds: 6 * 3600,
        errorRate: 0.2,
        latencyFactor: 4,
      },
      {
        service: name,
        start: end - 6 * 3600,
        durationSeconds: 6 * 3600,
        errorRate: 0.01,
        latencyFactor: 2,
      },
    ],
    counterResets: [{ service: name, at: end - 20 * DAY + 3 * sampleSeconds }],
  };
}

// Only what the SLIs read: the 200/500 counters, the histogram's finite
// buckets and its count. `+Inf` equals the count and `_sum` is unused.
function isWritten(series) {
  if (series.name === 'http_request_duration_seconds_sum') return false;
  return !(
    series.name === 'http_request_duration_seconds_bucket' &&
    series.labels.le === '+Inf'
  );
}

/** Writes the decimal digits of a non-negative integer at `offset`; returns the new offset. */
function writeInteger(buffer, offset, value) {
  if (value === 0) {
    buffer[offset] = 48;
    return offset + 1;
  }
  let digits = 0;
  for (let rest = value; rest > 0; rest = Math.floor(rest / 10)) digits++;
  let rest = value;
  for (let i = offset + digits - 1; i >= offset; i--) {
    buffer[i] = 48 + (rest % 10);
    rest = Math.floor(rest / 10);
  }
  return offset + digits;
}

/**
 * One series as OpenMetrics lines, written byte by byte: forty million
 * template strings take minutes, this takes seconds. Counter values here are
 * whole numbers (the fixture only makes `_sum` fractional, which is skipped).
 */
function seriesBuffer(series, scenario) {
  const labels = Object.entries(series.labels)
    .map(([key, value]) => `${key}="${value}"`)
    .join(',');
  const prefix = Buffer.from(`${series.name}{${labels}} `);
  const count = series.increments.length;
  const buffer = Buffer.allocUnsafe(count * (prefix.length + 40));
  let offset = 0;
  let time =
    scenario.start + series.firstIndex * scenario.sampleIntervalSeconds;
  for (const value of fixture().seriesValues(series)) {
    if (!Number.isSafeInteger(value) || value < 0) {
      throw new Error(
        `${series.name} ${labels}: ${value} is not a whole counter value`,
      );
    }
    offset += prefix.copy(buffer, offset);
    offset = writeInteger(buffer, offset, value);
    buffer[offset++] = 32;
    offset = writeInteger(buffer, offset, time);
    buffer[offset++] = 10;
    time += scenario.sampleIntervalSeconds;
  }
  return buffer.subarray(0, offset);
}

async function write(stream, text) {
  if (!stream.write(text)) await once(stream, 'drain');
}

async function closeStream(stream) {
  stream.end();
  await once(stream, 'finish');
}

/**
 * Writes every spec's series as one OpenMetrics file, service after service,
 * each series whole and in time order, `# EOF` last. A `# TYPE` line opens
 * each run of one family; promtool accepts a family again after another one,
 * so no service has to be generated twice or held in memory. Returns counts.
 */
export async function writeOpenMetrics(specs, file) {
  const out = createWriteStream(file, { highWaterMark: 1 << 22 });
  const families = {
    http_requests_total: '# TYPE http_requests counter\n',
    http_request_duration_seconds_bucket:
      '# TYPE http_request_duration_seconds histogram\n',
  };
  families.http_request_duration_seconds_count =
    families.http_request_duration_seconds_bucket;
  let seriesCount = 0;
  let samples = 0;
  let span = 0;
  for (const spec of specs) {
    const scenario = fixture().generateScenario(spec);
    span = Math.max(span, scenario.end - scenario.start);
    let family;
    for (const series of scenario.series) {
      if (!isWritten(series)) continue;
      if (families[series.name] !== family) {
        family = families[series.name];
        await write(out, family);
      }
      seriesCount++;
      samples += series.increments.length;
      await write(out, seriesBuffer(series, scenario));
    }
  }
  await write(out, '# EOF\n');
  await closeStream(out);
  const { size } = await stat(file);
  return { series: seriesCount, samples, bytes: size, spanSeconds: span };
}

/**
 * Samples per OpenMetrics file: promtool holds a whole block in memory, about
 * 50 bytes a sample (7.9 GB of RSS for the 155 M samples of the full
 * fixture in one file), so the fixture is backfilled in batches of services.
 */
const SAMPLES_PER_FILE = Number(process.env.BENCH_SAMPLES_PER_FILE ?? 25e6);

/** About how many samples a spec writes: four series a service (two counters, a latency bucket, a count). */
function estimatedSamples(spec) {
  const interval = spec.sampleIntervalSeconds ?? 60;
  return spec.services.length * 4 * ((spec.days * DAY) / interval + 1);
}

/** The specs in consecutive batches of at most SAMPLES_PER_FILE samples (one spec alone may be more). */
function batches(specs) {
  const result = [[]];
  let samples = 0;
  for (const spec of specs) {
    const estimate = estimatedSamples(spec);
    if (result.at(-1).length > 0 && samples + estimate > SAMPLES_PER_FILE) {
      result.push([]);
      samples = 0;
    }
    result.at(-1).push(spec);
    samples += estimate;
  }
  return result;
}

/**
 * The TSDB for the specs, backfilled once into `cacheDir/<key>` and reused
 * while the specs stay the same (unless `fresh`). Returns where it is and,
 * when it was built now, how long each step took.
 */
export async function scaleTsdb({
  specs,
  cacheDir,
  fresh = false,
  log = () => {},
}) {
  const key = createHash('sha256')
    .update(JSON.stringify({ specs, DATA_VERSION }))
    .digest('hex')
    .slice(0, 12);
  const dataDir = path.join(cacheDir, `tsdb-${key}`);
  if (!fresh && existsSync(path.join(dataDir, COMPLETE_MARKER))) {
    log(`reusing the backfilled TSDB in ${dataDir} (--fresh rebuilds it)`);
    return { dataDir, cached: true };
  }
  await rm(dataDir, { recursive: true, force: true });
  await mkdir(dataDir, { recursive: true });
  const totals = {
    series: 0,
    samples: 0,
    bytes: 0,
    generateSeconds: 0,
    backfillSeconds: 0,
  };
  const parts = batches(specs);
  for (const [index, batch] of parts.entries()) {
    const file = path.join(cacheDir, `openmetrics-${key}-${index}.om`);
    let started = performance.now();
    const written = await writeOpenMetrics(batch, file);
    const generateSeconds = (performance.now() - started) / 1000;
    log(
      `file ${index + 1} of ${parts.length}: wrote ${
        written.series
      } series, ${(written.samples / 1e6).toFixed(1)} M samples, ` +
        `${(written.bytes / 2 ** 20).toFixed(
          0,
        )} MiB of OpenMetrics in ${generateSeconds.toFixed(1)} s`,
    );
    started = performance.now();
    await backfillFile({ file, dataDir, spanSeconds: written.spanSeconds });
    const backfillSeconds = (performance.now() - started) / 1000;
    log(`promtool backfill: ${backfillSeconds.toFixed(1)} s`);
    await rm(file, { force: true });
    totals.series += written.series;
    totals.samples += written.samples;
    totals.bytes += written.bytes;
    totals.generateSeconds += generateSeconds;
    totals.backfillSeconds += backfillSeconds;
  }
  if (parts.length > 1) {
    const started = performance.now();
    await compactOverlappingBlocks(dataDir);
    const seconds = (performance.now() - started) / 1000;
    totals.backfillSeconds += seconds;
    log(`Prometheus merged the batches' blocks in ${seconds.toFixed(1)} s`);
  }
  await writeFile(
    path.join(dataDir, COMPLETE_MARKER),
    new Date().toISOString(),
  );
  return { dataDir, cached: false, ...totals };
}

/** The time ranges of a TSDB's blocks, from their meta.json. */
async function blockRanges(dataDir) {
  const ranges = [];
  for (const entry of await readdir(dataDir, { withFileTypes: true })) {
    const meta = path.join(dataDir, entry.name, 'meta.json');
    if (!entry.isDirectory() || !existsSync(meta)) continue;
    try {
      const { minTime, maxTime } = JSON.parse(await readFile(meta, 'utf8'));
      ranges.push([minTime, maxTime]);
    } catch {
      // a block being written or deleted by the compactor
    }
  }
  return ranges.sort((a, b) => a[0] - b[0]);
}

/**
 * Batches of services backfilled one after another make blocks that overlap
 * in time. Prometheus merges them (vertical compaction) in its first
 * compaction, a minute after it starts: done here, once, so no measured run
 * pays for it.
 */
async function compactOverlappingBlocks(dataDir, timeoutMs = 900000) {
  const prometheus = await fixture().startPrometheus({ dataDir });
  try {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const ranges = await blockRanges(dataDir);
      if (ranges.every((range, i) => i === 0 || range[0] >= ranges[i - 1][1]))
        return;
      if (Date.now() > deadline)
        throw new Error(
          `Prometheus did not merge the overlapping blocks in ${dataDir} within ${
            timeoutMs / 1000
          } s`,
        );
      await new Promise(resolve => setTimeout(resolve, 2000));
    }
  } finally {
    await prometheus.stop();
  }
}

/**
 * `promtool tsdb create-blocks-from openmetrics` with one block for the whole
 * span: promtool's default 2 h blocks take many minutes for weeks of data.
 */
async function backfillFile({ file, dataDir, spanSeconds }) {
  const hours = Math.max(2, Math.ceil(spanSeconds / 3600) + 1);
  const promtool = fixture().findExecutable('promtool');
  const child = spawn(
    promtool,
    [
      'tsdb',
      'create-blocks-from',
      'openmetrics',
      `--max-block-duration=${hours}h`,
      file,
      dataDir,
    ],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr.on('data', data => {
    stderr = (stderr + String(data)).slice(-4000);
  });
  const [code] = await once(child, 'exit');
  if (code !== 0)
    throw new Error(
      `promtool exited with ${code} while backfilling ${file}:\n${stderr}`,
    );
}

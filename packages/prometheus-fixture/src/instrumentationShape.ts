import { openMetricsFloat } from './generateScenario';
import { seededRandom } from './random';

/**
 * The metric shape of an instrumentation: which counters and histograms it
 * exposes, under which names and label sets. Names are the sample names as
 * Prometheus stores them (`istio_requests_total`, `nginx_ingress_controller_requests`
 * without a suffix); histograms name their base (`_bucket` and `_count` are
 * written).
 *
 * @public
 */
export interface InstrumentationShape {
  counters?: Array<{
    name: string;
    series: Array<Record<string, string>>;
    /** Per series, the most events one sample adds (default 20): sets error rates. */
    rates?: number[];
  }>;
  histograms?: Array<{
    name: string;
    /** Finite bucket boundaries, ascending; `+Inf` is added. */
    buckets: number[];
    /**
     * How `le` is spelled: `go` as Go clients write it (`0.3`, `1`),
     * `openmetrics` as OpenMetrics and Java clients do (`0.3`, `1.0`).
     */
    leSpelling?: 'go' | 'openmetrics';
    series: Array<Record<string, string>>;
    /** Per series, the most events the fastest bucket gains per sample (default 20). */
    rates?: number[];
  }>;
}

/**
 * Samples of an {@link InstrumentationShape} with their ground truth.
 *
 * @public
 */
export interface InstrumentationData {
  /** First and last sample times, epoch seconds. */
  start: number;
  end: number;
  /** The data as OpenMetrics text for `startPrometheus({ openMetricsText })`. */
  openMetricsText: string;
  /**
   * Events a counter's series whose labels pass `filter` gained over
   * `(from, to]` (sample times).
   */
  counterEvents(name: string, filter: (labels: Record<string, string>) => boolean, from: number, to: number): number;
  /**
   * Observations at or below `le` (default: all, `_count`) of a histogram's
   * series whose labels pass `filter`, over `(from, to]`.
   */
  histogramEvents(
    name: string,
    filter: (labels: Record<string, string>) => boolean,
    from: number,
    to: number,
    le?: number,
  ): number;
}

interface GeneratedSeries {
  labels: Record<string, string>;
  /** Per sample, per bin (one bin for counters): the events it adds. */
  increments: Uint16Array[];
}

/**
 * Writes an instrumentation's series on a 60 s grid ending at `end`, with
 * random traffic per sample and every series restarting from zero once
 * (a counter reset at a third of the data), and keeps the increments so a
 * test can compute any window's true counts. Deterministic for a seed.
 *
 * @public
 */
export function generateInstrumentationData(
  shape: InstrumentationShape,
  options: { end: number; hours: number; seed?: number; intervalSeconds?: number },
): InstrumentationData {
  const interval = options.intervalSeconds ?? 60;
  const samples = Math.round((options.hours * 3600) / interval) + 1;
  const start = options.end - (samples - 1) * interval;
  const resetAt = Math.floor(samples / 3);
  const random = seededRandom(options.seed ?? 24);
  const generate = (bins: number, rate = 20): Uint16Array[] =>
    Array.from({ length: bins }, (_, bin) => {
      const values = new Uint16Array(samples);
      // Later bins (slower requests) are rarer; some bins are often empty.
      const scale = bin === 0 ? rate : Math.max(2, Math.floor(12 / (bin + 1)));
      for (let i = 1; i < samples; i++) values[i] = Math.floor(random() * scale);
      return values;
    });

  const counters = new Map<string, GeneratedSeries[]>();
  for (const counter of shape.counters ?? []) {
    const list = counters.get(counter.name) ?? [];
    counter.series.forEach((labels, index) => list.push({ labels, increments: generate(1, counter.rates?.[index]) }));
    counters.set(counter.name, list);
  }
  const histograms = new Map<string, { buckets: number[]; spelling: 'go' | 'openmetrics'; series: GeneratedSeries[] }>();
  for (const histogram of shape.histograms ?? []) {
    const entry = histograms.get(histogram.name) ?? {
      buckets: histogram.buckets,
      spelling: histogram.leSpelling ?? 'go',
      series: [],
    };
    if (entry.buckets.join() !== histogram.buckets.join()) {
      throw new Error(`The histogram ${histogram.name} is declared twice with different buckets`);
    }
    histogram.series.forEach((labels, index) => {
      entry.series.push({ labels, increments: generate(histogram.buckets.length + 1, histogram.rates?.[index]) });
    });
    histograms.set(histogram.name, entry);
  }

  // Families by sample name (each series contiguous, ascending in time).
  const families = new Map<string, string[]>();
  const write = (name: string, labels: Record<string, string>, increments: (i: number) => number) => {
    const text = Object.entries(labels)
      .map(([key, value]) => `${key}="${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`)
      .join(',');
    const lines = families.get(name) ?? [];
    let value = 0;
    for (let i = 0; i < samples; i++) {
      value = i === resetAt ? increments(i) : value + increments(i);
      lines.push(`${name}{${text}} ${value} ${start + i * interval}`);
    }
    families.set(name, lines);
  };
  for (const [name, list] of counters) {
    for (const series of list) write(name, series.labels, i => series.increments[0][i]);
  }
  for (const [name, { buckets, spelling, series: list }] of histograms) {
    for (const series of list) {
      const bounds = [...buckets, Infinity];
      bounds.forEach((le, index) => {
        // openMetricsFloat writes +Inf for the last bucket in both spellings.
        const spelled = spelling === 'go' && le !== Infinity ? String(le) : openMetricsFloat(le);
        write(`${name}_bucket`, { ...series.labels, le: spelled }, i => {
          let sum = 0;
          for (let bin = 0; bin <= index; bin++) sum += series.increments[bin][i];
          return sum;
        });
      });
      write(`${name}_count`, series.labels, i => series.increments.reduce((sum, bin) => sum + bin[i], 0));
    }
  }
  let openMetricsText = '';
  for (const [name, lines] of families) openMetricsText += `# TYPE ${name} unknown\n${lines.join('\n')}\n`;
  openMetricsText += '# EOF\n';

  const indexRange = (from: number, to: number): [number, number] => [
    Math.max(1, Math.floor((from - start) / interval) + 1),
    Math.min(samples - 1, Math.floor((to - start) / interval)),
  ];
  const sumBins = (series: GeneratedSeries, bins: number, from: number, to: number) => {
    const [first, last] = indexRange(from, to);
    let sum = 0;
    for (let bin = 0; bin < bins; bin++) {
      for (let i = first; i <= last; i++) sum += series.increments[bin][i];
    }
    return sum;
  };
  return {
    start,
    end: options.end,
    openMetricsText,
    counterEvents(name, filter, from, to) {
      const list = counters.get(name);
      if (!list) throw new Error(`The shape has no counter ${name}`);
      return list.filter(s => filter(s.labels)).reduce((sum, s) => sum + sumBins(s, 1, from, to), 0);
    },
    histogramEvents(name, filter, from, to, le = Infinity) {
      const histogram = histograms.get(name);
      if (!histogram) throw new Error(`The shape has no histogram ${name}`);
      const bins = le === Infinity ? histogram.buckets.length + 1 : histogram.buckets.indexOf(le) + 1;
      if (bins === 0) throw new Error(`${le} is not a bucket boundary of ${name}`);
      return histogram.series.filter(s => filter(s.labels)).reduce((sum, s) => sum + sumBins(s, bins, from, to), 0);
    },
  };
}

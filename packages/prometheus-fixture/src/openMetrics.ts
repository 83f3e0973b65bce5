import type { Scenario } from './generateScenario';
import { seriesValues } from './seriesValues';
import type { ScenarioSeries } from './ScenarioSeries';

const CHUNK_CHARS = 1 << 20;

function escapeLabelValue(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\n/g, '\\n');
}

function family(name: string): { family: string; type: string } {
  const histogram = /^(.*)_(bucket|count|sum)$/.exec(name);
  if (histogram && name.startsWith('http_request_duration_seconds')) {
    return { family: histogram[1], type: 'histogram' };
  }
  return { family: name.replace(/_total$/, ''), type: 'counter' };
}

/**
 * The scenario as OpenMetrics text, in chunks: one `# TYPE` per metric
 * family, every series with all its samples in ascending time (what
 * `promtool tsdb create-blocks-from openmetrics` needs), `# EOF` last.
 */
export function* openMetricsChunks(scenario: Scenario): Generator<string> {
  const byFamily = new Map<
    string,
    { type: string; series: ScenarioSeries[] }
  >();
  for (const series of scenario.series) {
    const { family: name, type } = family(series.name);
    const entry = byFamily.get(name) ?? { type, series: [] };
    entry.series.push(series);
    byFamily.set(name, entry);
  }
  let chunk = '';
  for (const [name, { type, series: members }] of byFamily) {
    chunk += `# TYPE ${name} ${type}\n`;
    for (const series of members) {
      const labels = Object.entries(series.labels)
        .map(([key, value]) => `${key}="${escapeLabelValue(value)}"`)
        .join(',');
      const prefix = `${series.name}{${labels}} `;
      let time =
        scenario.start + series.firstIndex * scenario.sampleIntervalSeconds;
      for (const value of seriesValues(series)) {
        chunk += `${prefix}${value} ${time}\n`;
        time += scenario.sampleIntervalSeconds;
        if (chunk.length >= CHUNK_CHARS) {
          yield chunk;
          chunk = '';
        }
      }
    }
  }
  yield `${chunk}# EOF\n`;
}

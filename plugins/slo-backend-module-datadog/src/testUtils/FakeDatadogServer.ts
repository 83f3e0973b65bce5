import {
  createServer,
  IncomingHttpHeaders,
  Server,
  ServerResponse,
} from 'node:http';
import { AddressInfo } from 'node:net';

/**
 * A request the fake server received.
 *
 * @public
 */
export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
}

/**
 * What the fake server answers; `delayMs` holds the answer back.
 *
 * @public
 */
export interface FakeReply {
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
  delayMs?: number;
}

/**
 * Values of one series by point time (epoch seconds); null is a null point.
 *
 * @public
 */
export type SeriesValues = (time: number, stepSeconds: number) => number | null;

/** `agg:metric{scope}rest`: the parts a grouped query is matched on. */
const SCOPED_QUERY = /^(\w+):([\w.]+)\{([^{}]*)\}(.*)$/;

function tagsOfScope(scope: string): string[] {
  const trimmed = scope.trim();
  if (trimmed === '*' || trimmed === '') return [];
  return trimmed
    .split(',')
    .map(tag => tag.trim())
    .sort();
}

/**
 * The series a grouped query `agg:metric{rest} by {key}suffix` answers from
 * `data`: every known query `agg:metric{rest,key:value}suffix` is one group
 * `key:value`, as Datadog would group the same series.
 */
function groupedSeries(
  base: string,
  data: Record<string, SeriesValues | SeriesValues[]>,
): Array<{ values: SeriesValues; tag: string }> | undefined {
  const grouped = /^(\w+):([\w.]+)\{([^{}]*)\} by \{([\w.\-/]+)\}(.*)$/.exec(
    base,
  );
  if (!grouped) return undefined;
  const [, aggregator, metric, restScope, key, suffix] = grouped;
  const rest = tagsOfScope(restScope).join(',');
  const result: Array<{ values: SeriesValues; tag: string }> = [];
  for (const [known, entry] of Object.entries(data)) {
    const match = SCOPED_QUERY.exec(known);
    if (!match) continue;
    const [, knownAggregator, knownMetric, scope, knownSuffix] = match;
    if (
      knownAggregator !== aggregator ||
      knownMetric !== metric ||
      knownSuffix !== suffix
    ) {
      continue;
    }
    const tags = tagsOfScope(scope);
    const tag = tags.find(t => t.startsWith(`${key}:`));
    if (!tag) continue;
    if (tags.filter(t => t !== tag).join(',') !== rest) continue;
    for (const values of Array.isArray(entry) ? entry : [entry]) {
      result.push({ values, tag });
    }
  }
  return result;
}

/**
 * Answers like `GET /api/v1/query` for known queries: each query (without its
 * trailing `.rollup(...)`) maps to one or more series of values; points are
 * laid on the Unix-aligned rollup grid between `from` and `to`, as Datadog
 * does. Over `maxPoints` per series it rolls up coarser, like Datadog. A
 * grouped query `sum:metric{rest} by {key}.as_count()` answers one series
 * per known query `sum:metric{rest,key:value}.as_count()`, tagged
 * `key:value`.
 *
 * @public
 */
export function metricsApi(
  data: Record<string, SeriesValues | SeriesValues[]>,
  options: { maxPoints?: number } = {},
): (request: RecordedRequest) => FakeReply {
  return request => {
    const { query, from, to } = request.query;
    const rollup = /\.rollup\(\s*(?:(\w+)\s*,\s*)?(\d+)\s*\)$/.exec(query);
    const base = rollup ? query.slice(0, rollup.index) : query;
    const fromSeconds = Number(from);
    const toSeconds = Number(to);
    let step = rollup ? Number(rollup[2]) : 60;
    const maxPoints = options.maxPoints ?? 1500;
    while ((toSeconds - fromSeconds) / step + 1 > maxPoints) step *= 2;
    const entry = data[base];
    // A query given as is wins; a grouped one is built from its groups' queries.
    let found: Array<{ values: SeriesValues; tag?: string }>;
    if (entry !== undefined) {
      found = (Array.isArray(entry) ? entry : [entry]).map(values => ({
        values,
      }));
    } else {
      found = groupedSeries(base, data) ?? [];
    }
    const series = found.map(({ values, tag }) => {
      const pointlist: Array<[number, number | null]> = [];
      for (
        let time = Math.ceil(fromSeconds / step) * step;
        time <= toSeconds;
        time += step
      ) {
        pointlist.push([time * 1000, values(time, step)]);
      }
      return {
        pointlist,
        interval: step,
        metric: base,
        ...(tag ? { scope: tag, tagSet: [tag] } : {}),
      };
    });
    return { body: queryResponse(query, fromSeconds, toSeconds, series) };
  };
}

/**
 * A v1 query answer with every documented field, like Datadog sends it.
 *
 * @public
 */
export function queryResponse(
  query: string,
  from: number,
  to: number,
  series: Array<{
    pointlist: Array<[number, number | null]>;
    interval: number;
    metric?: string;
    scope?: string;
    /** The group's tags, for `by {...}` queries. */
    tagSet?: string[];
  }>,
): unknown {
  return {
    status: 'ok',
    res_type: 'time_series',
    resp_version: 1,
    query,
    from_date: from * 1000,
    to_date: to * 1000,
    group_by: [],
    message: '',
    values: [],
    times: [],
    series: series.map(s => ({
      aggr: 'sum',
      display_name: s.metric ?? 'metric',
      end: (s.pointlist.at(-1)?.[0] ?? to * 1000) + s.interval * 1000 - 1,
      expression: query,
      interval: s.interval,
      length: s.pointlist.length,
      metric: s.metric ?? 'metric',
      pointlist: s.pointlist,
      query_index: 0,
      scope: s.scope ?? '*',
      start: s.pointlist[0]?.[0] ?? from * 1000,
      tag_set: s.tagSet ?? [],
      unit: null,
    })),
  };
}

/**
 * A local HTTP server on 127.0.0.1 (random port) that records requests and
 * answers with `handler`. Nothing here reaches the internet.
 *
 * @public
 */
export class FakeDatadogServer {
  readonly requests: RecordedRequest[] = [];
  handler: (request: RecordedRequest) => FakeReply | Promise<FakeReply>;
  /** Most requests that were in flight at once. */
  maxInFlight = 0;
  private inFlight = 0;

  private constructor(
    private readonly server: Server,
    handler: FakeDatadogServer['handler'],
  ) {
    this.handler = handler;
  }

  static async start(
    handler: FakeDatadogServer['handler'] = () => ({ status: 404 }),
  ): Promise<FakeDatadogServer> {
    const server = createServer();
    const fake = new FakeDatadogServer(server, handler);
    server.on('request', (req, res) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const recorded: RecordedRequest = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers: req.headers,
      };
      fake.requests.push(recorded);
      fake.inFlight++;
      fake.maxInFlight = Math.max(fake.maxInFlight, fake.inFlight);
      res.on('close', () => {
        fake.inFlight--;
      });
      Promise.resolve(fake.handler(recorded))
        .then(reply => fake.reply(res, reply))
        .catch(error => fake.reply(res, { status: 500, body: String(error) }));
    });
    await new Promise<void>(resolve =>
      server.listen(0, '127.0.0.1', () => resolve()),
    );
    return fake;
  }

  get baseUrl(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  private reply(res: ServerResponse, reply: FakeReply): void {
    const send = () => {
      if (res.destroyed) return;
      const body =
        typeof reply.body === 'string'
          ? reply.body
          : JSON.stringify(reply.body ?? {});
      res.writeHead(reply.status ?? 200, {
        'content-type': 'application/json',
        ...reply.headers,
      });
      res.end(body);
    };
    if (reply.delayMs) setTimeout(send, reply.delayMs);
    else send();
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>(resolve => this.server.close(() => resolve()));
  }
}

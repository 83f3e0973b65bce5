import type { LoggerService } from '@backstage/backend-plugin-api';
import { Semaphore } from './Semaphore';
import { sleep as realSleep } from './sleep';

/**
 * One series of a `GET /api/v1/query` answer, as Datadog documents it. Only
 * the fields the source reads are typed.
 *
 * @public
 */
export interface DatadogSeries {
  /** `[epoch milliseconds, value or null]`, one per rollup interval. */
  pointlist: Array<[number, number | null]>;
  /** Seconds between points: the rollup interval Datadog actually used. */
  interval?: number;
  metric?: string;
  /** The series' tags joined by commas (its group for `by {...}` queries), or `*`. */
  scope?: string;
  /** The group's tags of a `by {...}` query, e.g. `["service:checkout"]`. */
  tag_set?: string[];
  expression?: string;
}

/**
 * Why a Datadog request failed, with a message that holds no key.
 *
 * @public
 */
export class DatadogApiError extends Error {
  readonly name = 'DatadogApiError';
  /** Whether trying again later may succeed. */
  readonly retryable: boolean;
  /** The HTTP status, when Datadog answered at all. */
  readonly status?: number;
  readonly reason:
    | 'bad-query'
    | 'auth'
    | 'not-found'
    | 'rate-limited'
    | 'server'
    | 'bad-response'
    | 'network'
    | 'timeout'
    | 'cancelled';

  constructor(
    reason: DatadogApiError['reason'],
    message: string,
    options: { retryable: boolean; status?: number },
  ) {
    super(message);
    this.reason = reason;
    this.retryable = options.retryable;
    this.status = options.status;
  }
}

/**
 * Options of {@link DatadogClient}.
 *
 * @public
 */
export interface DatadogClientOptions {
  /** Instance name from app-config, for log lines. */
  instanceName: string;
  /** Where the API is, e.g. `https://api.datadoghq.eu`. */
  baseUrl: string;
  apiKey: string;
  applicationKey: string;
  /** Longest one HTTP request may take. */
  timeoutMs: number;
  /** Requests in flight at once, across every SLO of this instance. */
  maxConcurrentRequests: number;
  /** Retries of one request after HTTP 429. Default 3. */
  maxRateLimitRetries?: number;
  /**
   * Longest wait for a rate-limit window to reset; a longer one fails the
   * request as retryable, so the collector tries again on a later cycle.
   * Default 20 seconds, below the collector's default 30-second request
   * timeout, so a long wait ends with a rate-limit message, not a timeout.
   */
  maxRateLimitWaitMs?: number;
  logger?: LoggerService;
  /** For tests: waits, the clock and the HTTP client. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  now?: () => number;
  fetch?: typeof fetch;
}

const MAX_DETAIL_CHARS = 500;

function headerNumber(headers: Headers, name: string): number | undefined {
  const value = headers.get(name);
  if (value === null || value.trim() === '') return undefined;
  const number = Number(value);
  return Number.isFinite(number) && number >= 0 ? number : undefined;
}

function formatDuration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`;
}

/** The host (no credentials, path or query) to name in messages. */
function describeHost(baseUrl: string): string {
  try {
    return new URL(baseUrl).host;
  } catch {
    return 'the configured baseUrl';
  }
}

/**
 * A small client for Datadog's metrics query API (`GET /api/v1/query`) that
 * limits concurrency per instance, honours HTTP 429 and the
 * `X-RateLimit-*` headers, applies a timeout per request, and keeps the keys
 * out of every message it produces.
 *
 * @public
 */
export class DatadogClient {
  private readonly options: DatadogClientOptions;
  private readonly semaphore: Semaphore;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  private readonly now: () => number;
  private readonly fetchImpl: typeof fetch;
  private readonly host: string;
  /** Epoch ms before which no request is sent: the rate-limit window is spent. */
  private pausedUntil = 0;
  private requests = 0;

  constructor(options: DatadogClientOptions) {
    this.options = options;
    this.semaphore = new Semaphore(Math.max(1, options.maxConcurrentRequests));
    this.sleep = options.sleep ?? realSleep;
    this.now = options.now ?? Date.now;
    this.fetchImpl = options.fetch ?? fetch;
    this.host = describeHost(options.baseUrl);
  }

  /** HTTP requests sent so far, retries included. */
  get requestCount(): number {
    return this.requests;
  }

  /**
   * Points of `query` between `from` and `to` (epoch seconds). Throws
   * {@link DatadogApiError}.
   */
  async queryTimeseries(
    params: { from: number; to: number; query: string },
    signal?: AbortSignal,
  ): Promise<DatadogSeries[]> {
    // Appended, not resolved, so a proxy's path prefix in baseUrl is kept.
    const url = new URL(
      `${this.options.baseUrl.replace(/\/+$/, '')}/api/v1/query`,
    );
    url.searchParams.set('from', String(params.from));
    url.searchParams.set('to', String(params.to));
    url.searchParams.set('query', params.query);
    return this.semaphore.run(() => this.sendWithRetries(url, signal));
  }

  private async sendWithRetries(
    url: URL,
    signal?: AbortSignal,
  ): Promise<DatadogSeries[]> {
    const maxRetries = this.options.maxRateLimitRetries ?? 3;
    for (let attempt = 0; ; attempt++) {
      await this.waitForRateLimitWindow(signal);
      const { response, body } = await this.send(url, signal);
      const resetSeconds = headerNumber(response.headers, 'x-ratelimit-reset');
      if (response.status === 429) {
        const limit = headerNumber(response.headers, 'x-ratelimit-limit');
        const period = headerNumber(response.headers, 'x-ratelimit-period');
        const budget =
          limit !== undefined && period !== undefined
            ? ` (${limit} requests per ${period} s)`
            : '';
        // The reset header says when the window opens again; without it, back off exponentially.
        const waitMs =
          resetSeconds !== undefined
            ? Math.max(1, resetSeconds) * 1000
            : 1000 * 2 ** attempt;
        if (attempt >= maxRetries) {
          throw new DatadogApiError(
            'rate-limited',
            `Datadog kept answering HTTP 429 (rate limited${budget}) after ${maxRetries} retries.`,
            { retryable: true, status: 429 },
          );
        }
        this.pauseFor(waitMs);
        this.options.logger?.warn(
          `Datadog source ${
            this.options.instanceName
          } is rate limited${budget}; waiting ${Math.round(
            waitMs / 1000,
          )} s before retry ${attempt + 1} of ${maxRetries}`,
        );
        continue;
      }
      if (
        response.ok &&
        resetSeconds !== undefined &&
        headerNumber(response.headers, 'x-ratelimit-remaining') === 0
      ) {
        // The window is spent: hold every request of this instance until it resets.
        this.pauseFor(resetSeconds * 1000);
      }
      return this.parse(response, body);
    }
  }

  private pauseFor(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.now() + ms);
  }

  private async waitForRateLimitWindow(signal?: AbortSignal): Promise<void> {
    const waitMs = this.pausedUntil - this.now();
    if (waitMs <= 0) return;
    const maxWaitMs = this.options.maxRateLimitWaitMs ?? 20_000;
    if (waitMs > maxWaitMs) {
      throw new DatadogApiError(
        'rate-limited',
        `Datadog's rate limit resets in ${Math.ceil(
          waitMs / 1000,
        )} s, longer than this source waits (${Math.round(
          maxWaitMs / 1000,
        )} s); the collector tries again later.`,
        { retryable: true, status: 429 },
      );
    }
    try {
      await this.sleep(waitMs, signal);
    } catch {
      throw this.cancelled();
    }
  }

  private cancelled(): DatadogApiError {
    return new DatadogApiError('cancelled', 'The request was cancelled.', {
      retryable: true,
    });
  }

  private async send(
    url: URL,
    signal?: AbortSignal,
  ): Promise<{ response: Response; body: string }> {
    const timeout = AbortSignal.timeout(this.options.timeoutMs);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    this.requests++;
    try {
      const response = await this.fetchImpl(url, {
        method: 'GET',
        headers: {
          Accept: 'application/json',
          'DD-API-KEY': this.options.apiKey,
          'DD-APPLICATION-KEY': this.options.applicationKey,
        },
        signal: combined,
      });
      const body = await response.text();
      return { response, body };
    } catch (error) {
      if (signal?.aborted) throw this.cancelled();
      if (timeout.aborted) {
        throw new DatadogApiError(
          'timeout',
          `Datadog at ${this.host} gave no answer within ${formatDuration(
            this.options.timeoutMs,
          )} (the source's timeout).`,
          { retryable: true },
        );
      }
      const cause = (error as { cause?: { code?: string; message?: string } })
        ?.cause;
      const detail = cause?.code ?? cause?.message ?? String(error);
      throw new DatadogApiError(
        'network',
        `Could not reach Datadog at ${this.host} (${this.redact(detail)}).`,
        { retryable: true },
      );
    }
  }

  /** Datadog's own words from an error body: its `errors` array, or `error`. */
  private errorDetail(body: string): string {
    let detail = body;
    try {
      const json = JSON.parse(body) as { errors?: unknown; error?: unknown };
      if (Array.isArray(json.errors) && json.errors.length > 0) {
        detail = json.errors.map(String).join('; ');
      } else if (typeof json.error === 'string') {
        detail = json.error;
      }
    } catch {
      // Not JSON (a proxy's page, say): show its start.
    }
    detail = this.redact(detail.replace(/\s+/g, ' ').trim());
    return detail.length > MAX_DETAIL_CHARS
      ? `${detail.slice(0, MAX_DETAIL_CHARS)}…`
      : detail;
  }

  private parse(response: Response, body: string): DatadogSeries[] {
    const status = response.status;
    if (status === 200) {
      let json: { status?: string; error?: string; series?: unknown };
      try {
        json = JSON.parse(body);
      } catch {
        throw new DatadogApiError(
          'bad-response',
          `Datadog at ${
            this.host
          } answered HTTP 200 with a body that is not JSON: ${this.errorDetail(
            body,
          )}`,
          { retryable: true, status },
        );
      }
      if (json.status === 'error') {
        throw new DatadogApiError(
          'bad-query',
          `Datadog could not run the query: ${this.errorDetail(body)}`,
          { retryable: false, status },
        );
      }
      if (json.series !== undefined && !Array.isArray(json.series)) {
        throw new DatadogApiError(
          'bad-response',
          `Datadog's answer has a "series" that is not a list.`,
          { retryable: false, status },
        );
      }
      return ((json.series as DatadogSeries[] | undefined) ?? []).filter(
        series => series && Array.isArray(series.pointlist),
      );
    }
    const detail = this.errorDetail(body);
    const said = detail ? `: ${detail}` : '';
    if (status === 400) {
      throw new DatadogApiError(
        'bad-query',
        `Datadog rejected the query (HTTP 400)${said}`,
        { retryable: false, status },
      );
    }
    if (status === 401 || status === 403) {
      throw new DatadogApiError(
        'auth',
        `Datadog refused the API or application key (HTTP ${status})${said}`,
        { retryable: false, status },
      );
    }
    if (status === 404) {
      throw new DatadogApiError(
        'not-found',
        `Datadog at ${this.host} has no /api/v1/query (HTTP 404)${said}`,
        { retryable: false, status },
      );
    }
    const retryable = status === 408 || status >= 500;
    throw new DatadogApiError(
      retryable ? 'server' : 'bad-response',
      `Datadog at ${this.host} answered HTTP ${status}${said}`,
      { retryable, status },
    );
  }

  /** Removes the keys from text that may echo them (proxies, odd error pages). */
  private redact(text: string): string {
    let result = text;
    for (const secret of [this.options.apiKey, this.options.applicationKey]) {
      if (secret && secret.length >= 4) {
        result = result.split(secret).join('[redacted]');
      }
    }
    return result;
  }
}

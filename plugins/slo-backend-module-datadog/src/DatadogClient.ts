import type { LoggerService } from '@backstage/backend-plugin-api';
import { DatadogApiError } from './DatadogApiError';
import { parseDatadogAnswer } from './parseDatadogAnswer';
import { Semaphore } from './Semaphore';
import { sleep as realSleep } from './sleep';

export { DatadogApiError };

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
 * Datadog's rate-limit window as its `X-RateLimit-*` headers last described
 * it.
 *
 * @public
 */
export interface DatadogRateLimit {
  /** `X-RateLimit-Limit`: requests allowed per window. */
  limit?: number;
  /** `X-RateLimit-Period`: the window's length, seconds. */
  periodSeconds?: number;
  /** `X-RateLimit-Remaining`: requests left in this window. */
  remaining: number;
  /** From `X-RateLimit-Reset` (seconds until the reset): epoch seconds. */
  resetAt: number;
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
  private lastRateLimit?: DatadogRateLimit;

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
   * The rate-limit window as the last answer's headers described it (after
   * a 429: no requests left until the reset); undefined before any answer
   * with the headers.
   */
  get rateLimit(): DatadogRateLimit | undefined {
    return this.lastRateLimit;
  }

  /** Keeps what an answer's `X-RateLimit-*` headers say of the window. */
  private noteRateLimit(headers: Headers, status: number): void {
    const remaining = headerNumber(headers, 'x-ratelimit-remaining');
    const reset = headerNumber(headers, 'x-ratelimit-reset');
    if (reset === undefined || (remaining === undefined && status !== 429)) {
      return;
    }
    this.lastRateLimit = {
      limit: headerNumber(headers, 'x-ratelimit-limit'),
      periodSeconds: headerNumber(headers, 'x-ratelimit-period'),
      remaining: status === 429 ? 0 : remaining!,
      resetAt: Math.ceil(this.now() / 1000 + reset),
    };
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
      this.noteRateLimit(response.headers, response.status);
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
            {
              retryable: true,
              status: 429,
              retryAt: Math.ceil((this.now() + waitMs) / 1000),
            },
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
      return parseDatadogAnswer(response.status, body, {
        host: this.host,
        redact: text => this.redact(text),
      });
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
        {
          retryable: true,
          status: 429,
          retryAt: Math.ceil(this.pausedUntil / 1000),
        },
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

import { SloSourceError } from '@slo-kit/plugin-slo-node';
import type { PrometheusSourceConfig } from './readPrometheusSources';

/**
 * One series of a `query_range` answer.
 *
 * @public
 */
export interface RangeSeries {
  metric: Record<string, string>;
  /** `[epoch seconds, value as Prometheus writes it]`. */
  values: Array<[number, string]>;
}

/**
 * A range query: evaluation times `start`, `start + step`, ... up to `end`.
 *
 * @public
 */
export interface RangeQuery {
  query: string;
  start: number;
  end: number;
  step: number;
  signal?: AbortSignal;
}

/**
 * The URL without credentials or query string, safe for messages.
 *
 * @public
 */
export function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`.replace(/\/+$/, '');
  } catch {
    return '(invalid URL)';
  }
}

/** Moves `user:password@` out of a URL into a basic-auth header value. */
function splitCredentials(baseUrl: string): {
  url: string;
  authorization?: string;
} {
  try {
    const parsed = new URL(baseUrl);
    if (!parsed.username && !parsed.password) return { url: baseUrl };
    const user = decodeURIComponent(parsed.username);
    const password = decodeURIComponent(parsed.password);
    parsed.username = '';
    parsed.password = '';
    return {
      url: parsed.toString().replace(/\/+$/, ''),
      authorization: `Basic ${Buffer.from(`${user}:${password}`).toString(
        'base64',
      )}`,
    };
  } catch {
    return { url: baseUrl };
  }
}

/** The password of `https://user:password@host`, if any. */
function basicPassword(baseUrl: string): string | undefined {
  try {
    const password = decodeURIComponent(new URL(baseUrl).password);
    return password || undefined;
  } catch {
    return undefined;
  }
}

/** Removes `user:password@` from any URL inside a message. */
function scrubCredentials(text: string): string {
  return text.replace(/\/\/[^/@\s]+@/g, '//');
}

function shorten(text: string, max = 300): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}...` : flat;
}

/**
 * Calls the Prometheus HTTP API (`/api/v1/query_range`) of one instance:
 * authentication headers, tenant header, Thanos' partial-response choice and
 * a timeout per request. Failures become {@link @slo-kit/plugin-slo-node#SloSourceError}s whose
 * messages say what happened and what to check, never holding headers or
 * tokens; `retryable` is true for timeouts, network errors, 429 and 5xx.
 *
 * @public
 */
export class PrometheusClient {
  private readonly apiRoot: string;
  private readonly basicAuth: Record<string, string>;
  /** Credential values to keep out of every message. */
  private readonly secrets: string[];

  constructor(private readonly config: PrometheusSourceConfig) {
    // fetch refuses URLs with credentials; `https://user:pass@host` means basic auth.
    const { url, authorization } = splitCredentials(config.baseUrl);
    this.apiRoot = url;
    this.basicAuth = authorization ? { Authorization: authorization } : {};
    this.secrets = [
      config.bearerToken,
      ...Object.values(config.headers),
      authorization?.replace(/^Basic /, ''),
      basicPassword(config.baseUrl),
    ]
      .filter((s): s is string => typeof s === 'string' && s.length >= 4)
      // Longest first, so a secret inside another is not left half shown.
      .sort((a, b) => b.length - a.length);
  }

  /**
   * Removes credentials from text that may echo them: proxies and gateways
   * put request headers in their error pages, and those pages end up in
   * messages that the API serves and the logs keep.
   */
  private redact(text: string): string {
    let result = text;
    for (const secret of this.secrets) {
      result = result.split(secret).join('[redacted]');
    }
    return result;
  }

  /**
   * The start of a server's text for a message, credentials removed first:
   * cut first, a secret could be left half shown.
   */
  private excerpt(text: string, max?: number): string {
    return shorten(this.redact(text), max);
  }

  /** An error whose message holds no credential. */
  private failure(
    message: string,
    options: { retryable: boolean; cause?: unknown },
  ): SloSourceError {
    return new SloSourceError(this.redact(message), options);
  }

  private headers(): Record<string, string> {
    return {
      ...this.basicAuth,
      ...this.config.headers,
      ...(this.config.bearerToken
        ? { Authorization: `Bearer ${this.config.bearerToken}` }
        : {}),
      ...(this.config.tenantId
        ? { 'X-Scope-OrgID': this.config.tenantId }
        : {}),
      'Content-Type': 'application/x-www-form-urlencoded',
      Accept: 'application/json',
    };
  }

  async queryRange(request: RangeQuery): Promise<RangeSeries[]> {
    const url = `${this.apiRoot}/api/v1/query_range`;
    const where = describeUrl(url);
    const body = new URLSearchParams({
      query: request.query,
      start: String(request.start),
      end: String(request.end),
      step: String(request.step),
    });
    if (this.config.partialResponse !== undefined) {
      body.set('partial_response', String(this.config.partialResponse));
    }
    const timeout = AbortSignal.timeout(this.config.timeoutMs);
    const signal = request.signal
      ? AbortSignal.any([request.signal, timeout])
      : timeout;

    let response: Response;
    let text: string;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: this.headers(),
        body,
        signal,
      });
      text = await response.text();
    } catch (error) {
      if (request.signal?.aborted) {
        throw this.failure('the query was cancelled', {
          retryable: true,
          cause: error,
        });
      }
      if (timeout.aborted) {
        throw this.failure(
          `no answer from ${where} within ${
            this.config.timeoutMs / 1000
          } s; raise slo.sources.prometheus.${
            this.config.name
          }.timeout or check the server's load`,
          { retryable: true, cause: error },
        );
      }
      const cause = (error as { cause?: { code?: string; message?: string } })
        .cause;
      const reason = scrubCredentials(
        cause?.code ?? cause?.message ?? String(error),
      );
      throw this.failure(
        `cannot reach ${where} (${reason}); check baseUrl and that the server is up`,
        { retryable: true, cause: error },
      );
    }

    let json: PrometheusResponse | undefined;
    try {
      json = JSON.parse(text) as PrometheusResponse;
    } catch {
      json = undefined;
    }
    const apiError =
      json && json.status === 'error'
        ? this.excerpt(
            `${json.errorType ? `${json.errorType}: ` : ''}${
              json.error ?? 'unknown error'
            }`,
          )
        : undefined;

    if (!response.ok) {
      const status = `HTTP ${response.status}`;
      const detail = apiError ?? this.excerpt(text);
      if (response.status === 401 || response.status === 403) {
        throw this.failure(
          `${where} refused the request (${status}); check bearerToken, headers and tenantId of slo.sources.prometheus.${this.config.name}`,
          { retryable: false },
        );
      }
      if (response.status === 404) {
        throw this.failure(
          `${where} does not exist (${status}); baseUrl must point at the Prometheus API root, without /api/v1`,
          { retryable: false },
        );
      }
      if (response.status === 429 || response.status >= 500) {
        throw this.failure(
          `${where} failed (${status}${
            detail ? `: ${detail}` : ''
          }); will retry`,
          { retryable: true },
        );
      }
      // 400 bad_data, 422 execution: the query itself is wrong or too big.
      throw this.failure(
        `PromQL error from ${where} (${status}${
          detail ? `: ${detail}` : ''
        }) for query ${request.query}`,
        { retryable: false },
      );
    }
    if (!json) {
      throw this.failure(
        `${where} did not answer with Prometheus JSON (got "${this.excerpt(
          text,
          80,
        )}"); baseUrl must point at the Prometheus API root`,
        { retryable: false },
      );
    }
    if (apiError !== undefined) {
      throw this.failure(
        `PromQL error from ${where} (${apiError}) for query ${request.query}`,
        {
          retryable: false,
        },
      );
    }
    if (
      json.data?.resultType !== 'matrix' ||
      !Array.isArray(json.data.result)
    ) {
      throw this.failure(
        `${where} answered with a ${
          json.data?.resultType ?? 'missing'
        } result instead of a matrix for query ${request.query}`,
        { retryable: false },
      );
    }
    const partial = partialResultWarnings(json.warnings);
    if (partial.length > 0) {
      // Thanos (and Prometheus with remote storage) answer "success" with
      // warnings when a store did not answer: the figures would under-count,
      // and a stored bucket is never collected again.
      throw this.failure(
        `${where} answered with only part of the data (${this.excerpt(
          partial.join('; '),
        )}) for query ${
          request.query
        }; nothing of it is stored and the range is collected again`,
        { retryable: true },
      );
    }
    const malformed = malformedMatrix(json.data.result);
    if (malformed) {
      throw this.failure(
        `${where} answered with ${malformed} for query ${request.query}; nothing of it is stored`,
        { retryable: true },
      );
    }
    return json.data.result as RangeSeries[];
  }
}

/**
 * Warnings that say the answer lacks data. PromQL's own annotations
 * ("PromQL info: ...", "PromQL warning: ...") describe the data, not its
 * completeness, so they do not count.
 */
function partialResultWarnings(warnings: unknown): string[] {
  if (!Array.isArray(warnings)) return [];
  return warnings
    .map(warning => String(warning))
    .filter(warning => !/^PromQL (info|warning):/.test(warning));
}

/** Prometheus writes sample values as decimal text, or NaN / ±Inf. */
const SAMPLE_VALUE = /^(NaN|[+-]?Inf|[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?)$/;

/**
 * What is wrong with a matrix whose shape is not Prometheus', or undefined.
 * Read as it came, such an answer would turn into missing buckets that are
 * never collected again.
 */
function malformedMatrix(result: unknown[]): string | undefined {
  for (const series of result) {
    const values = (series as { values?: unknown })?.values;
    if (!series || typeof series !== 'object' || !Array.isArray(values)) {
      return 'a series without a list of values';
    }
    for (const sample of values) {
      if (
        !Array.isArray(sample) ||
        sample.length !== 2 ||
        typeof sample[0] !== 'number' ||
        !Number.isFinite(sample[0])
      ) {
        return `a sample that is not [time, "value"] (${shorten(
          JSON.stringify(sample) ?? String(sample),
          80,
        )})`;
      }
      if (typeof sample[1] !== 'string' || !SAMPLE_VALUE.test(sample[1])) {
        return `a sample value ${shorten(
          JSON.stringify(sample[1]) ?? String(sample[1]),
          80,
        )}, which is not a number`;
      }
    }
  }
  return undefined;
}

interface PrometheusResponse {
  status?: string;
  errorType?: string;
  error?: string;
  data?: { resultType?: string; result?: unknown };
  warnings?: string[];
}

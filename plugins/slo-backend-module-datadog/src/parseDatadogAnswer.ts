import { DatadogApiError } from './DatadogApiError';
import type { DatadogSeries } from './DatadogClient';

const MAX_DETAIL_CHARS = 500;

/** Where the answer came from, and how to keep the keys out of messages. */
interface AnswerContext {
  host: string;
  redact: (text: string) => string;
}

  /** Datadog's own words from an error body: its `errors` array, or `error`. */
function errorDetail(body: string, context: AnswerContext): string {
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
    detail = context.redact(detail.replace(/\s+/g, ' ').trim());
    return detail.length > MAX_DETAIL_CHARS
      ? `${detail.slice(0, MAX_DETAIL_CHARS)}…`
      : detail;
  }

/**
 * The series of a `GET /api/v1/query` answer, or the {@link DatadogApiError}
 * its status and body mean, in Datadog's own words without the keys.
 *
 * @internal
 */
export function parseDatadogAnswer(
  status: number,
  body: string,
  context: AnswerContext,
): DatadogSeries[] {
    if (status === 200) {
      let json: { status?: string; error?: string; series?: unknown };
      try {
        json = JSON.parse(body);
      } catch {
        throw new DatadogApiError(
          'bad-response',
          `Datadog at ${
            context.host
          } answered HTTP 200 with a body that is not JSON: ${errorDetail(body, context)}`,
          { retryable: true, status },
        );
      }
      if (json.status === 'error') {
        throw new DatadogApiError(
          'bad-query',
          `Datadog could not run the query: ${errorDetail(body, context)}`,
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
    const detail = errorDetail(body, context);
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
        `Datadog at ${context.host} has no /api/v1/query (HTTP 404)${said}`,
        { retryable: false, status },
      );
    }
    const retryable = status === 408 || status >= 500;
    throw new DatadogApiError(
      retryable ? 'server' : 'bad-response',
      `Datadog at ${context.host} answered HTTP ${status}${said}`,
      { retryable, status },
    );
  }


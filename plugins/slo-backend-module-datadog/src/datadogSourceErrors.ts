import { SloSourceError } from '@slo-kit/plugin-slo-node';
import { DatadogApiError } from './DatadogClient';

/** Ends a message with a full stop unless it already ends a sentence. */
function sentence(text: string): string {
  return /[.!?…]$/.test(text) ? text : `${text}.`;
}

/**
 * An error of instance `instance` about SLO `sloId`, safe to show.
 *
 * @internal
 */
export function sourceError(
    instance: string,
    sloId: string,
    message: string,
    retryable: boolean,
    cause?: unknown,
  ): SloSourceError {
    return new SloSourceError(
      `Datadog source "${instance}" could not read SLO ${sloId}: ${message}`,
      { retryable, cause },
    );
  }

/**
 * What a failed query means for the SLO, with what to check: the query, the
 * keys, the site, or (rate limited past the source's wait) when the
 * collector may ask again.
 *
 * @internal
 */
export function mapDatadogError(
    instance: string,
    sloId: string,
    query: string,
    error: unknown,
    callerSignal?: AbortSignal,
  ): SloSourceError {
    if (error instanceof SloSourceError) return error;
    if (!(error instanceof DatadogApiError)) {
      return sourceError(instance, sloId, String(error), true);
    }
    const config = `slo.sources.datadog.${instance}`;
    switch (error.reason) {
      case 'bad-query':
        return sourceError(
          instance,
          sloId,
          `${sentence(
            error.message,
          )} Query: ${query} — check the SLI's Datadog query: metric name, tags, .as_count() on count metrics, and percentiles enabled on distributions used with a latency threshold.`,
          false,
          error,
        );
      case 'auth':
        return sourceError(
          instance,
          sloId,
          `${sentence(
            error.message,
          )} Check ${config}.apiKey and ${config}.applicationKey (the application key needs the timeseries_query permission), and that ${config}.site is the site the keys belong to.`,
          false,
          error,
        );
      case 'not-found':
        return sourceError(
          instance,
          sloId,
          `${sentence(
            error.message,
          )} Check ${config}.site and ${config}.baseUrl.`,
          false,
          error,
        );
      case 'cancelled':
        return sourceError(
          instance,
          sloId,
          callerSignal?.aborted
            ? 'the request was cancelled.'
            : 'another query of this SLO failed first.',
          true,
          error,
        );
      case 'rate-limited':
        // Past what the source waits: the collector defers the SLO to a later cycle.
        return new SloSourceError(
          `Datadog source "${instance}" could not read SLO ${sloId}: ${error.message}`,
          {
            retryable: error.retryAt === undefined,
            cause: error,
            rateLimitedUntil: error.retryAt,
          },
        );
      default:
        return sourceError(
          instance,
          sloId,
          `${sentence(error.message)} Query: ${query}`,
          error.retryable,
          error,
        );
    }
  }


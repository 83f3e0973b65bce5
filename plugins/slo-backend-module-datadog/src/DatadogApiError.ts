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
  /** For `rate-limited`: when Datadog's window opens again, epoch seconds. */
  readonly retryAt?: number;
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
    options: { retryable: boolean; status?: number; retryAt?: number },
  ) {
    super(message);
    this.reason = reason;
    this.retryable = options.retryable;
    this.status = options.status;
    this.retryAt = options.retryAt;
  }
}

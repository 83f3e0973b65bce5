/**
 * An error from a source, with a message safe to show to users: it never holds
 * credentials or full URLs with secrets.
 *
 * @public
 */
export class SloSourceError extends Error {
  readonly name = 'SloSourceError';
  /** Whether retrying later may succeed (timeouts, 5xx, 429). */
  readonly retryable: boolean;
  /**
   * The source refused for its rate limit until this time (epoch seconds):
   * the collector defers the SLO to a later cycle instead of failing it.
   */
  readonly rateLimitedUntil?: number;

  constructor(
    message: string,
    options: { retryable: boolean; cause?: unknown; rateLimitedUntil?: number },
  ) {
    super(message, { cause: options.cause });
    this.retryable = options.retryable;
    this.rateLimitedUntil = options.rateLimitedUntil;
  }
}

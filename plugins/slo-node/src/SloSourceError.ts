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

  constructor(message: string, options: { retryable: boolean; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.retryable = options.retryable;
  }
}

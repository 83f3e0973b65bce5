import { SloSourceError } from '@slo-kit/plugin-slo-node';

/**
 * How {@link fetchWithRetry} retries and times out.
 *
 * @internal
 */
export interface RetryOptions {
  /** Attempts in all, at least 1. */
  maxAttempts: number;
  /** Longest one attempt may take. */
  timeoutMs: number;
  /** Delay before the second attempt; doubles each time. */
  baseDelayMs: number;
  sleep: (ms: number) => Promise<void>;
  /** Says what was asked for, for the timeout message. */
  describe: string;
  /** Stops the attempt in flight and any retry (the collection cycle was cancelled). */
  signal?: AbortSignal;
}

/** Whether trying again later may help. Unknown errors (network faults) may. */
function isRetryable(error: unknown): boolean {
  return error instanceof SloSourceError ? error.retryable : true;
}

function formatMs(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 100) / 10} s`;
}

async function withTimeout<T>(
  call: (signal: AbortSignal) => Promise<T>,
  timeoutMs: number,
  describe: string,
  outer?: AbortSignal,
): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  let onOuterAbort: (() => void) | undefined;
  // The cycle's cancellation ends the attempt at once, even at a source that ignores its signal.
  const cancelled = new Promise<never>((_, reject) => {
    onOuterAbort = () => {
      controller.abort();
      reject(outer!.reason ?? new Error('The collection was cancelled'));
    };
    if (outer?.aborted) onOuterAbort();
    else outer?.addEventListener('abort', onOuterAbort, { once: true });
  });
  // Race as well as abort: a source that ignores the signal must not hang the cycle.
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(
        new SloSourceError(
          `${describe} got no answer within ${formatMs(
            timeoutMs,
          )} (slo.collector.requestTimeout).`,
          { retryable: true },
        ),
      );
    }, timeoutMs);
  });
  try {
    return await Promise.race(
      outer
        ? [call(controller.signal), timeout, cancelled]
        : [call(controller.signal), timeout],
    );
  } finally {
    clearTimeout(timer);
    if (onOuterAbort) outer?.removeEventListener('abort', onOuterAbort);
  }
}

/**
 * Calls a source with a timeout per attempt, retrying retryable failures with
 * exponential backoff and jitter. Throws the last error.
 *
 * @internal
 */
export async function fetchWithRetry<T>(
  call: (signal: AbortSignal) => Promise<T>,
  options: RetryOptions,
): Promise<{ value: T; attempts: number }> {
  const attempts = Math.max(1, options.maxAttempts);
  let lastError: unknown;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      const value = await withTimeout(
        call,
        options.timeoutMs,
        options.describe,
        options.signal,
      );
      return { value, attempts: attempt };
    } catch (error) {
      lastError = error;
      if (
        attempt === attempts ||
        !isRetryable(error) ||
        options.signal?.aborted
      ) {
        break;
      }
      const delay = options.baseDelayMs * 2 ** (attempt - 1);
      await options.sleep(delay * (0.5 + Math.random() / 2));
    }
  }
  throw lastError;
}

import { ResponseError } from '@backstage/errors';

/**
 * The message to show for a failed request: the backend's own message (which
 * says what is wrong and how to fix it) with the HTTP status, or the error's
 * message for anything else.
 */
export function errorMessage(error: unknown): string {
  if (ResponseError.is(error)) {
    const remote = error.cause?.message || error.body?.error?.message;
    return remote
      ? `${remote} (HTTP ${error.statusCode})`
      : `The SLO backend answered HTTP ${error.statusCode} ${error.statusText}.`;
  }
  if (error instanceof Error) {
    return error.message;
  }
  return String(error);
}

import { CustomErrorBase } from '@backstage/errors';

/**
 * A request with a method the API does not serve at that path; answered 405.
 * The status is a getter, so the serialized error body does not repeat it.
 *
 * @internal
 */
export class MethodNotAllowedError extends CustomErrorBase {
  name = 'MethodNotAllowedError' as const;

  get statusCode(): number {
    return 405;
  }
}

/**
 * A request whose body is larger than the API accepts; answered 413.
 *
 * @internal
 */
export class PayloadTooLargeError extends CustomErrorBase {
  name = 'PayloadTooLargeError' as const;

  get statusCode(): number {
    return 413;
  }
}

/**
 * The outcome of parsing one user-written value: the value, or a message that
 * says what is wrong and what is expected. Parsers return this instead of throwing.
 *
 * @public
 */
export type ParseResult<T> =
  | { ok: true; value: T }
  | { ok: false; message: string; expected: string; didYouMean?: string };

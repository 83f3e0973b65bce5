import type { Request, Response } from 'express';

/** ETags of serialized answers that are reused between requests (the scorecard's, the review's). */
const etags = new WeakMap<Buffer, string>();

/**
 * Sends JSON bytes with the headers Express gives a string body (the
 * charset, its ETag), hashing a reused buffer once rather than for every
 * request: the review of a 300-service group is megabytes, and hashing it
 * per request was a visible share of a warm answer under load.
 */
export function sendJsonBytes(req: Request, res: Response, bytes: Buffer) {
  const etagOf: ((body: Buffer, encoding: string) => string) | undefined =
    req.app?.get('etag fn');
  if (etagOf) {
    let tag = etags.get(bytes);
    if (tag === undefined) {
      tag = etagOf(bytes, 'utf8');
      etags.set(bytes, tag);
    }
    res.set('ETag', tag);
  }
  res.type('application/json; charset=utf-8').send(bytes);
}

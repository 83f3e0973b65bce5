import { createHash } from 'node:crypto';
import { deserialize, serialize } from 'node:v8';

/**
 * A value as the review's caches keep it between reviews: V8's
 * structured-clone encoding, outside the V8 heap.
 *
 * Why: an organisation-wide review keeps every SLO's figures and finished
 * periods (four quarters, each with its episodes and budget figures), and as
 * objects every number of them is boxed. The encoding keeps every value
 * exactly (doubles, `-0`, `undefined`, key order), as the evaluator's
 * `packedStatus.ts` does, so a review gets the same figures it would from the
 * objects; each read decodes a fresh copy, so no caller can change what is
 * kept.
 *
 * @internal
 */
export type PackedReviewValue<T> = Buffer & { readonly __packed?: T };

/** Encodes a review value to keep. */
export function packReviewValue<T>(value: T): PackedReviewValue<T> {
  return serialize(value) as PackedReviewValue<T>;
}

/** The value `packReviewValue` encoded, as a new object. */
export function unpackReviewValue<T>(packed: PackedReviewValue<T>): T {
  return deserialize(packed) as T;
}

/**
 * A 44-character digest of a cache version or key. The review's versions
 * hold the SLO's whole definition (1-2 KB as JSON); kept per SLO for tens of
 * thousands of SLOs they cost more heap than the figures they guard. Equal
 * texts give equal digests, and SHA-256 makes a collision of two different
 * ones out of reach, so comparing digests decides what comparing the texts did.
 *
 * @internal
 */
export function reviewKeyDigest(text: string): string {
  return createHash('sha256').update(text).digest('base64');
}

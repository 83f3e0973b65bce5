/**
 * FNV-1a hash of a string, as an unsigned 32-bit seed.
 *
 * @internal
 */
export function seedOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * A uniform number in [0, 1) that depends only on its arguments, so any
 * minute's figures can be recomputed without state (lowbias32 mixing).
 *
 * @internal
 */
export function uniform(seed: number, index: number, salt: number): number {
  let x =
    (seed ^ Math.imul(index | 0, 0x9e3779b1) ^ Math.imul(salt, 0x85ebca6b)) >>>
    0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return (x >>> 0) / 4294967296;
}

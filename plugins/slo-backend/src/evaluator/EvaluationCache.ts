/**
 * A bounded, least-recently-used cache of computed figures. Values are
 * promises, so requests that need the same figures at the same time compute
 * them once; a computation that fails is forgotten, so the next request tries
 * again.
 *
 * Keys must name everything a value depends on (the SLO's definition, its
 * collection state with the data version, the evaluation time): an entry is
 * then never stale, only unused, and falls out when the cache is full.
 *
 * @internal
 */
export class EvaluationCache {
  private readonly entries = new Map<string, Promise<unknown>>();

  constructor(private readonly maxEntries: number) {}

  /** The cached value for `key`, or the value `compute` makes (and caches). */
  get<T>(key: string, compute: () => Promise<T>): Promise<T> {
    const found = this.entries.get(key);
    if (found) {
      // Re-inserting moves the key to the end of the Map's order: most recently used.
      this.entries.delete(key);
      this.entries.set(key, found);
      return found as Promise<T>;
    }
    const promise = compute();
    this.entries.set(key, promise);
    promise.catch(() => {
      if (this.entries.get(key) === promise) {
        this.entries.delete(key);
      }
    });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
    return promise;
  }

  /** Number of entries held. */
  get size(): number {
    return this.entries.size;
  }
}

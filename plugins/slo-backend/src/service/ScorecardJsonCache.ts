/**
 * A response body as UTF-8 JSON bytes, sent as they are.
 *
 * @internal
 */
export function jsonBytes(value: unknown): Buffer {
  return Buffer.from(JSON.stringify(value));
}

/** Serialized JSON: a string, or the bytes sent as they are. */
type Json = { length: number };

type Entry<T extends Json> = {
  basis: readonly unknown[];
  json: Promise<T>;
  chars: number;
};

function sameBasis(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((value, i) => Object.is(value, b[i]));
}

/**
 * Serialized scorecards (and reliability reviews), reused while what they
 * were computed from is unchanged. A scorecard rolls up every SLO the caller may see, so one costs
 * tens of milliseconds at thousands of SLOs even with every figure cached,
 * and its JSON is megabytes; a page and its refreshes ask for the same one
 * again and again.
 *
 * An entry is kept per key (caller and group) with its basis: the values it
 * was computed from (the caller's catalog answers, compared by identity, and
 * the store's states fingerprint). A request with another basis recomputes,
 * so a finished collection cycle or a new catalog answer shows at once.
 * Concurrent requests with the same basis share one computation. Entries are
 * dropped oldest first beyond `maxChars` characters (or bytes) in all; a
 * failed computation is not kept. The service keeps Buffers: a string body
 * is copied into a new Buffer for every response, megabytes per request of
 * an organisation's scorecard.
 *
 * @internal
 */
export class ScorecardJsonCache<T extends Json = string> {
  private readonly entries = new Map<string, Entry<T>>();
  private chars = 0;

  constructor(private readonly maxChars = 32 * 2 ** 20) {}

  /** The cached JSON for `key` computed from `basis`, or `compute()`'s (cached). */
  get(
    key: string,
    basis: readonly unknown[],
    compute: () => Promise<T>,
  ): Promise<T> {
    const found = this.entries.get(key);
    if (found && sameBasis(found.basis, basis)) {
      // Most recently used last: eviction takes the first.
      this.entries.delete(key);
      this.entries.set(key, found);
      return found.json;
    }
    this.remove(key);
    const entry: Entry<T> = { basis, json: compute(), chars: 0 };
    this.entries.set(key, entry);
    entry.json.then(
      text => {
        if (this.entries.get(key) === entry) {
          entry.chars = text.length;
          this.chars += text.length;
          this.evict();
        }
      },
      () => {
        if (this.entries.get(key) === entry) {
          this.remove(key);
        }
      },
    );
    return entry.json;
  }

  /** Characters of JSON held, for tests and diagnostics. */
  get size(): { entries: number; chars: number } {
    return { entries: this.entries.size, chars: this.chars };
  }

  private remove(key: string) {
    const entry = this.entries.get(key);
    if (entry) {
      this.chars -= entry.chars;
      this.entries.delete(key);
    }
  }

  private evict() {
    for (const key of this.entries.keys()) {
      if (this.chars <= this.maxChars) {
        return;
      }
      this.remove(key);
    }
  }
}

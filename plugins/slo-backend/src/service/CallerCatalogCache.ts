import type { BackstageCredentials } from '@backstage/backend-plugin-api';

type Entry = { expiresAt: number; value: Promise<unknown> };

/**
 * Catalog answers per caller, kept for a few seconds: asking the catalog
 * costs more than the rest of an SLO request (it checks the caller's token
 * and permissions over HTTP), and a page asks for the same entities many
 * times in a row. Entries are keyed by the caller's principal, so a caller
 * never sees what only another may read; a change of permission or of an
 * entity shows within `ttlMs`. Concurrent requests for the same answer share
 * one catalog call. A failed call is not kept, and neither is an expired
 * one: the answer of "every entity with SLOs" is the whole catalog's worth
 * of entities, and one per caller who opened a scorecard in the last hours
 * would add up to gigabytes long before the entry bound is reached.
 *
 * @internal
 */
export class CallerCatalogCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 5_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** The caller's part of a key: who it is, and who it acts for. */
  static callerKey(credentials: BackstageCredentials): string {
    return JSON.stringify(credentials.principal);
  }

  /** The cached answer to `question` for this caller, or `ask()`'s (cached). */
  get<T>(
    credentials: BackstageCredentials,
    question: string,
    ask: () => Promise<T>,
  ): Promise<T> {
    if (this.ttlMs <= 0) {
      return ask();
    }
    const key = `${CallerCatalogCache.callerKey(credentials)} ${question}`;
    const now = this.now();
    this.dropExpired(now);
    const found = this.entries.get(key);
    if (found && found.expiresAt > now) {
      return found.value as Promise<T>;
    }
    const value = ask();
    this.entries.delete(key);
    this.entries.set(key, { expiresAt: now + this.ttlMs, value });
    value.catch(() => {
      if (this.entries.get(key)?.value === value) {
        this.entries.delete(key);
      }
    });
    while (this.entries.size > this.maxEntries) {
      this.entries.delete(this.entries.keys().next().value as string);
    }
    return value;
  }

  /**
   * Entries are kept in the order they were stored, with the same time to
   * live, so the expired ones are at the front.
   */
  private dropExpired(now: number): void {
    for (const [key, entry] of this.entries) {
      if (entry.expiresAt > now) {
        return;
      }
      this.entries.delete(key);
    }
  }

  /** Number of answers held. */
  get size(): number {
    return this.entries.size;
  }
}

import type { BackstageCredentials } from '@backstage/backend-plugin-api';

type Entry = { expiresAt: number; value: Promise<unknown> };

/**
 * Catalog answers per caller, kept for a few seconds: asking the catalog
 * costs more than the rest of an SLO request (it checks the caller's token
 * and permissions over HTTP), and a page asks for the same entities many
 * times in a row. Entries are keyed by the caller's principal, so a caller
 * never sees what only another may read; a change of permission or of an
 * entity shows within `ttlMs`. Concurrent requests for the same answer share
 * one catalog call. A failed call is not kept.
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
}

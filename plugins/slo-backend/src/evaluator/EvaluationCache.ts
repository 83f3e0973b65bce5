/**
 * A bounded, least-recently-used cache of computed figures. Values are
 * promises, so requests that need the same figures at the same time compute
 * them once; a computation that fails is forgotten, so the next request tries
 * again.
 *
 * Each entry sits in a slot (what is asked: the kind of figures, the SLO, the
 * request's shape) and carries a version (everything the figures depend on:
 * the SLO's definition, its collection state with the data version, the
 * evaluation time). A request with a new version replaces the slot's value
 * rather than adding one beside it: every collection cycle changes every
 * SLO's version, and without replacing, each cycle's figures would stay
 * behind, unused, until the cache was full.
 *
 * An entry may also say until when it can be asked for (`validUntil`: the
 * versions of figures include the evaluation time, so once that moves on,
 * nothing asks for them again). `expire` drops such entries, so figures
 * asked for once, such as a chart of one SLO, do not stay for good.
 *
 * @internal
 */
export class EvaluationCache {
  private readonly entries = new Map<
    string,
    { version: string; value: Promise<unknown>; validUntil: number }
  >();
  /** The earliest `validUntil` of any entry: nothing expires before it. */
  private nextExpiry = Infinity;

  constructor(private readonly maxEntries: number) {}

  /** The value cached in `slot` at `version`, or the value `compute` makes (and caches there). */
  get<T>(
    slot: string,
    version: string,
    compute: () => Promise<T>,
    validUntil = Infinity,
  ): Promise<T> {
    const found = this.entries.get(slot);
    // Deleting and setting again moves the slot to the end of the Map's order: most recently used.
    this.entries.delete(slot);
    if (found && found.version === version) {
      this.entries.set(slot, found);
      return found.value as Promise<T>;
    }
    const value = compute();
    const entry = { version, value, validUntil };
    this.nextExpiry = Math.min(this.nextExpiry, validUntil);
    this.entries.set(slot, entry);
    value.catch(() => {
      if (this.entries.get(slot) === entry) {
        this.entries.delete(slot);
      }
    });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
    return value;
  }

  /** Drops the entries valid only until `now` or earlier. */
  expire(now: number): void {
    if (now < this.nextExpiry) {
      return;
    }
    let next = Infinity;
    for (const [slot, entry] of this.entries) {
      if (entry.validUntil <= now) {
        this.entries.delete(slot);
      } else {
        next = Math.min(next, entry.validUntil);
      }
    }
    this.nextExpiry = next;
  }

  /** Number of entries held. */
  get size(): number {
    return this.entries.size;
  }
}

/** Longest stretch a batch of evaluations keeps the event loop to itself. */
const YIELD_AFTER_MS = 50;

/**
 * Maps items with at most `limit` calls in flight, keeping their order.
 * Reads from SQLite and cache hits resolve without the event loop, so a batch
 * over thousands of SLOs (a scorecard, the figures computed after a cycle)
 * would otherwise hold it for tens of seconds: no request answered, no timer
 * run. Every `YIELD_AFTER_MS` it lets the event loop turn.
 *
 * @internal
 */
export async function mapWithConcurrency<T, R>(
  items: readonly T[],
  limit: number,
  map: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let lastYield = performance.now();
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await map(items[index]);
      if (performance.now() - lastYield > YIELD_AFTER_MS) {
        lastYield = performance.now();
        await new Promise(resolve => setImmediate(resolve));
      }
    }
  };
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, worker),
  );
  return results;
}

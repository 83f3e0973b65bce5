/**
 * Runs at most `limit` tasks at once; the rest wait in order. Shared by all
 * requests to one instance so that many SLOs collected together still
 * respect the instance's `maxConcurrentQueries`.
 */
export function limitConcurrency(limit: number) {
  let running = 0;
  const waiting: Array<() => void> = [];
  return async function run<T>(task: () => Promise<T>): Promise<T> {
    if (running >= limit) {
      await new Promise<void>(resolve => waiting.push(resolve));
    } else {
      running++;
    }
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      // Hand the slot over directly, so no newcomer can overtake the queue.
      if (next) next();
      else running--;
    }
  };
}

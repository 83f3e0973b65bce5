/**
 * Whether a collection cycle is running in this process, so the suggestion
 * job can hold its source queries back until the cycle is done: both share
 * each source's own concurrency limit (a Prometheus instance's
 * `maxConcurrentQueries`), and suggestions must never make collection wait.
 *
 * @internal
 */
export class CollectionActivity {
  private running = 0;
  private waiters: Array<() => void> = [];

  /** A scheduled task's function, marked as running for the whole of each cycle. */
  track(cycle: (signal: AbortSignal) => Promise<void>): (signal: AbortSignal) => Promise<void> {
    return async signal => {
      this.running++;
      try {
        await cycle(signal);
      } finally {
        this.end();
      }
    };
  }

  private end() {
    this.running--;
    if (this.running === 0) {
      const waiters = this.waiters;
      this.waiters = [];
      waiters.forEach(resolve => resolve());
    }
  }

  /** True while a cycle runs. */
  get collecting(): boolean {
    return this.running > 0;
  }

  /** Resolves at once when no cycle runs, else when the running one ends (or `signal` aborts). */
  idle(signal?: AbortSignal): Promise<void> {
    if (this.running === 0 || signal?.aborted) return Promise.resolve();
    return new Promise(resolve => {
      this.waiters.push(resolve);
      signal?.addEventListener('abort', () => resolve(), { once: true });
    });
  }
}

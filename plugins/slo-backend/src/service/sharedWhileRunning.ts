/**
 * `compute` shared by the calls made while it runs: a call while an earlier
 * one is still running gets that one's answer, a call after it has answered
 * starts a new one.
 *
 * Why: the scorecard asks the store for `statesFingerprint` (one aggregate
 * over every SLO's collection state) on every request, to know whether its
 * serialized answer is still right. Ten clients at once asked for ten scans
 * of 30,000 rows where one answers them all. A call that joins a running
 * scan gets the fingerprint of the moment that scan started, which is what
 * it would have got had it arrived a few milliseconds earlier.
 *
 * @internal
 */
export function sharedWhileRunning<T>(
  compute: () => Promise<T>,
): () => Promise<T> {
  let running: Promise<T> | undefined;
  return () => {
    if (!running) {
      const started = compute();
      running = started;
      const done = () => {
        if (running === started) running = undefined;
      };
      started.then(done, done);
    }
    return running;
  };
}

import type { CollectionActivity } from '../suggestions/CollectionActivity';

/**
 * Starts a collection cycle under `collection` that runs until `end()` is
 * called. `started` resolves once the cycle runs, that is once its lease is
 * in the database, so a test knows every replica can see it.
 */
export function holdCollectionCycle(collection: CollectionActivity): {
  started: Promise<void>;
  end: () => void;
  done: Promise<void>;
} {
  let markStarted = () => {};
  const started = new Promise<void>(resolve => (markStarted = resolve));
  let end = () => {};
  const ended = new Promise<void>(resolve => (end = resolve));
  const done = collection.track(async () => {
    markStarted();
    await ended;
  })(new AbortController().signal);
  return { started, end: () => end(), done };
}

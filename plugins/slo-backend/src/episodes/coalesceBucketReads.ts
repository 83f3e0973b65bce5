import type { EventBucket } from '@slo-kit/plugin-slo-common';
import type { SloStore } from '../database/SloStore';

type Waiting = {
  sloId: string;
  resolve: (buckets: EventBucket[]) => void;
  reject: (error: unknown) => void;
};

/**
 * A `readBuckets` whose calls made in one turn of the event loop for the
 * same range are answered by one `readBucketsOfMany`: the SLOs of a group
 * commit record their episodes together, and SLOs collected at the same
 * moment with the same window ask for the same range. Each caller gets its
 * own SLO's list, the one `readBuckets` would give.
 *
 * @internal
 */
export function coalesceBucketReads(
  store: Pick<SloStore, 'readBucketsOfMany'>,
): Pick<SloStore, 'readBuckets'> {
  const waiting = new Map<string, Waiting[]>();
  const flush = async (key: string, range: { from: number; to: number }) => {
    const batch = waiting.get(key) ?? [];
    waiting.delete(key);
    try {
      const buckets = await store.readBucketsOfMany(
        batch.map(item => item.sloId),
        range,
      );
      for (const item of batch) item.resolve(buckets.get(item.sloId) ?? []);
    } catch (error) {
      for (const item of batch) item.reject(error);
    }
  };
  return {
    readBuckets: (sloId, range) =>
      new Promise((resolve, reject) => {
        const key = `${range.from}/${range.to}`;
        const batch = waiting.get(key);
        if (batch) {
          batch.push({ sloId, resolve, reject });
        } else {
          waiting.set(key, [{ sloId, resolve, reject }]);
          setImmediate(() => flush(key, { from: range.from, to: range.to }));
        }
      }),
  };
}

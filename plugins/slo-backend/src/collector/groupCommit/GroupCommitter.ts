import type { LoggerService } from '@backstage/backend-plugin-api';
import type { SloBucketWrite, SloStore } from '../../database/SloStore';

/** SLOs in one group commit at most. */
export const GROUP_MAX_SLOS = 100;
/** How long the first write of a group waits for others, in milliseconds. */
export const GROUP_MAX_DELAY_MS = 20;

type Pending = {
  write: SloBucketWrite;
  resolve: (written: number) => void;
  reject: (error: unknown) => void;
};

/**
 * Gathers the finished SLOs' last writes (their newest buckets and the
 * success) of a cycle and stores them together: one transaction per
 * {@link GROUP_MAX_SLOS} SLOs, or per what came within
 * {@link GROUP_MAX_DELAY_MS} of the first (`SloStore.saveBucketsGroup`).
 * On PostgreSQL that is one WAL flush and a handful of round trips for a
 * hundred SLOs instead of five round trips and a flush for each.
 *
 * Failure isolation holds: when a group's transaction fails (nothing of it
 * is stored), each of its SLOs is written alone as before, so one SLO's bad
 * write fails that SLO only, with its own message, and every other SLO's
 * data is stored.
 *
 * @internal
 */
export class GroupCommitter {
  private pending: Pending[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly store: Pick<SloStore, 'saveBucketsGroup' | 'saveBuckets'>,
    private readonly logger: Pick<LoggerService, 'warn'>,
    private readonly limits: { maxSlos: number; maxDelayMs: number } = {
      maxSlos: GROUP_MAX_SLOS,
      maxDelayMs: GROUP_MAX_DELAY_MS,
    },
  ) {}

  /** Stores one SLO's write with the next group; resolves to the buckets written once committed. */
  save(write: SloBucketWrite): Promise<number> {
    return new Promise<number>((resolve, reject) => {
      this.pending.push({ write, resolve, reject });
      if (this.pending.length >= this.limits.maxSlos) {
        this.commit();
      } else if (!this.timer) {
        this.timer = setTimeout(() => this.commit(), this.limits.maxDelayMs);
      }
    });
  }

  /** Commits what is waiting and resolves when every group has settled. */
  async flush(): Promise<void> {
    this.commit();
    await Promise.all([...this.inFlight]);
  }

  private commit(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    if (this.pending.length === 0) return;
    const group = this.pending;
    this.pending = [];
    const done = this.writeGroup(group).finally(() =>
      this.inFlight.delete(done),
    );
    this.inFlight.add(done);
  }

  private async writeGroup(group: Pending[]): Promise<void> {
    // One SLO twice (never in a cycle) goes alone rather than fail the group.
    const ids = new Set<string>();
    const together: Pending[] = [];
    const alone: Pending[] = [];
    for (const item of group) {
      (ids.has(item.write.sloId) ? alone : together).push(item);
      ids.add(item.write.sloId);
    }
    try {
      await this.store.saveBucketsGroup(together.map(item => item.write));
      for (const item of together) item.resolve(item.write.buckets.length);
    } catch (error) {
      if (together.length > 1) {
        this.logger.warn(
          `Could not store ${
            together.length
          } SLOs' buckets together; storing each alone: ${
            error instanceof Error ? error.message : String(error)
          }`,
        );
      }
      alone.push(...together);
    }
    // One after another, in the order they came: a failed group's hundred
    // SLOs at once would queue for the pool's few connections beside the
    // cycle's other work and fail on its acquire timeout with their data
    // fine, and an SLO that came twice is written in its own order.
    for (const item of alone) await this.saveAlone(item);
  }

  private async saveAlone(item: Pending): Promise<void> {
    const { sloId, buckets, collected, success } = item.write;
    try {
      item.resolve(
        await this.store.saveBuckets(sloId, buckets, collected, success),
      );
    } catch (error) {
      item.reject(error);
    }
  }
}

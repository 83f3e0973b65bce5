import type { LoggerService } from '@backstage/backend-plugin-api';
import type {
  SloBatchResult,
  SloSource,
  SloSourceRequest,
  SloSourceResult,
} from '@slo-kit/plugin-slo-node';
import type { EventBucket } from '@slo-kit/plugin-slo-common';
import { rebucket } from '../fetchRange';
import { fetchWithRetry, type RetryOptions } from '../fetchWithRetry';

/**
 * A batch that failed as a whole: its SLOs were asked alone instead.
 *
 * @public
 */
export interface BatchFallback {
  source: string;
  sloIds: string[];
  /** The batch's error, after its retries. */
  reason: string;
}

interface PlannedBatch {
  source: SloSource;
  requests: SloSourceRequest[];
  /**
   * Per request, the stored bucket length when the request is the first
   * chunk of a backfill range (`countFromFirstSample`): `fetchRange` will
   * ask its first bucket with data again, counting from the first sample.
   */
  recounts?: Array<number | undefined>;
  /** Set once a member asks; undefined inside when the batch failed. */
  answer?: Promise<SloBatchResult | undefined>;
}

/**
 * The request `fetchRange` makes to count a chunk's first bucket with data
 * from the first sample, or undefined when the chunk has no data.
 *
 * @internal
 */
export function firstSampleRecount(
  request: SloSourceRequest,
  buckets: readonly EventBucket[],
  bucketSeconds: number,
): SloSourceRequest | undefined {
  const [first] = rebucket(
    [...buckets],
    bucketSeconds,
    request.start,
    request.end,
  );
  if (!first) return undefined;
  return {
    sloId: request.sloId,
    sli: request.sli,
    start: first.start,
    end: first.start + first.durationSeconds,
    bucketSeconds: first.durationSeconds,
    countFromFirstSample: true,
  };
}

/** Identifies a request within one cycle. */
function requestKey(sourceName: string, request: SloSourceRequest): string {
  return [
    sourceName,
    request.sloId,
    request.start,
    request.end,
    request.bucketSeconds,
    request.countFromFirstSample === true,
  ].join('|');
}

/**
 * One cycle's batches: the requests each batch answers, asked once, when its
 * first member needs it (members are collected one after another, so an
 * answer is held only until they have taken it). A request that was not
 * planned, or whose batch failed, gets undefined and is asked alone: one
 * SLO's bad query fails only that SLO, with its own error.
 *
 * @internal
 */
export class BatchedAnswers {
  private readonly members = new Map<
    string,
    { batch: PlannedBatch; index: number }
  >();
  /** Batches that failed and were asked as single requests. */
  readonly fallbacks: BatchFallback[] = [];
  /** Batches asked and answered. */
  answered = 0;

  constructor(
    private readonly options: {
      retry: Omit<RetryOptions, 'describe' | 'signal'>;
      logger: LoggerService;
      signal?: AbortSignal;
    },
  ) {}

  /**
   * Plans a batch of `requests` at `source`. `recounts[i]`, when set, is the
   * stored bucket length of `requests[i]`, the first chunk of a backfill
   * range: once the batch has answered, the first-sample recounts of its
   * members (one bucket each, known only from the answer) are planned as
   * batches too, so they are asked together instead of one per SLO.
   */
  add(
    source: SloSource,
    requests: SloSourceRequest[],
    recounts?: Array<number | undefined>,
  ): void {
    const batch: PlannedBatch = { source, requests, recounts };
    requests.forEach((request, index) =>
      this.members.set(requestKey(source.name, request), { batch, index }),
    );
  }

  /**
   * The answer to `request` from its batch (asking the batch first if no
   * member has), or undefined. The batch's queries are counted with the
   * member that asked it. Throws only when the cycle is cancelled.
   */
  async take(
    source: SloSource,
    request: SloSourceRequest,
  ): Promise<SloSourceResult | undefined> {
    const key = requestKey(source.name, request);
    const member = this.members.get(key);
    if (!member || member.batch.requests[member.index].sli !== request.sli) {
      return undefined;
    }
    this.members.delete(key);
    const { batch } = member;
    const asking = batch.answer === undefined;
    if (asking) batch.answer = this.ask(batch);
    const answer = await batch.answer;
    if (!answer) return undefined;
    const result = answer.results[member.index];
    // Let the buckets go once their SLO has them.
    answer.results[member.index] = { buckets: [] };
    return {
      buckets: result?.buckets ?? [],
      queryCount: asking ? answer.queryCount : 0,
    };
  }

  /**
   * Plans the first-sample recounts of a backfill batch's members from its
   * answer, grouped as the source groups any requests. A member whose
   * recount is not planned (the source cannot batch it, the planning fails)
   * is asked alone by `fetchRange`, as before.
   */
  private planRecounts(batch: PlannedBatch, answer: SloBatchResult): void {
    const { source, requests, recounts } = batch;
    if (!recounts || !source.planBatches) return;
    const wanted: SloSourceRequest[] = [];
    requests.forEach((request, index) => {
      const bucketSeconds = recounts[index];
      if (bucketSeconds === undefined) return;
      const recount = firstSampleRecount(
        request,
        answer.results[index]?.buckets ?? [],
        bucketSeconds,
      );
      if (recount) wanted.push(recount);
    });
    if (wanted.length === 0) return;
    try {
      for (const recountBatch of source.planBatches(wanted)) {
        if (recountBatch.length > 0) this.add(source, recountBatch);
      }
    } catch (error) {
      this.options.logger.warn(
        `Could not batch the first-sample recounts of ${
          wanted.length
        } SLOs from source "${source.name}"; asking each alone: ${
          error instanceof Error ? error.message : String(error)
        }`,
      );
    }
  }

  private async ask(batch: PlannedBatch): Promise<SloBatchResult | undefined> {
    const { source, requests } = batch;
    const { signal, logger } = this.options;
    try {
      const { value } = await fetchWithRetry(
        attemptSignal => source.fetchBatch!(requests, attemptSignal),
        {
          ...this.options.retry,
          describe: `Source "${source.name}" (${source.type}) for a batch of ${requests.length} SLOs`,
          signal,
        },
      );
      if (value.results.length !== requests.length) {
        throw new Error(
          `the source answered ${value.results.length} results for ${requests.length} requests`,
        );
      }
      this.answered += 1;
      this.planRecounts(batch, value);
      return value;
    } catch (error) {
      if (signal?.aborted) throw error;
      const reason = error instanceof Error ? error.message : String(error);
      const sloIds = [...new Set(requests.map(request => request.sloId))];
      this.fallbacks.push({ source: source.name, sloIds, reason });
      logger.warn(
        `A batch of ${sloIds.length} SLOs from source "${source.name}" failed; asking each alone instead: ${reason}`,
      );
      return undefined;
    }
  }
}

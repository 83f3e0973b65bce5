import type { LoggerService } from '@backstage/backend-plugin-api';
import type {
  SloBatchResult,
  SloSource,
  SloSourceRequest,
  SloSourceResult,
} from '@slo-kit/plugin-slo-node';
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
  /** Set once a member asks; undefined inside when the batch failed. */
  answer?: Promise<SloBatchResult | undefined>;
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

  /** Plans a batch of `requests` at `source`. */
  add(source: SloSource, requests: SloSourceRequest[]): void {
    const batch: PlannedBatch = { source, requests };
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

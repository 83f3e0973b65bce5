import type {
  SloCollectionStatus,
  SloDataState,
  SloEvaluation,
} from '@slo-kit/plugin-slo-common';
import type { SloSource } from '@slo-kit/plugin-slo-node';
import type { SloCollectionState } from '../database/SloStore';

const iso = (millis: number | null): string | null =>
  millis === null ? null : new Date(millis).toISOString();

/**
 * The state's deferral while a query budget still stretches the SLO's
 * collection: it was deferred after its last success, or within one
 * stretched interval before it (right after its turn). Once the budget
 * covers every cycle again, no deferral follows and it fades.
 *
 * @internal
 */
export function currentDeferral(
  state: SloCollectionState | undefined,
): SloCollectionState['deferral'] {
  const deferral = state?.deferral;
  if (!deferral) return null;
  const since =
    (state.lastSuccessAt ?? 0) - (deferral.intervalSeconds ?? 0) * 1000;
  return deferral.at >= since ? deferral : null;
}

/**
 * The data state collection forces on an SLO's figures: `error` when it was
 * never collected, `stale` when the last attempt failed or collection is
 * more than three cycles (or buckets) behind the aligned "now". A cycle is
 * the stretched one while a query budget defers the SLO: waiting its turn
 * is not staleness.
 *
 * @internal
 */
export function collectionDataState(
  state: SloCollectionState | undefined,
  timing: { now: number; bucketSeconds: number; frequencySeconds: number },
): SloDataState | undefined {
  if (!state) {
    return undefined;
  }
  const failedLast =
    state.lastErrorAt !== null &&
    (state.lastSuccessAt === null || state.lastErrorAt >= state.lastSuccessAt);
  if (failedLast && state.collectedUntil === null) {
    return 'error';
  }
  if (failedLast) {
    return 'stale';
  }
  if (state.collectedUntil !== null) {
    const { now, bucketSeconds } = timing;
    const frequencySeconds = Math.max(
      timing.frequencySeconds,
      currentDeferral(state)?.intervalSeconds ?? 0,
    );
    const aligned = Math.floor(now / bucketSeconds) * bucketSeconds;
    if (
      aligned - state.collectedUntil >
      3 * Math.max(frequencySeconds, bucketSeconds)
    ) {
      return 'stale';
    }
  }
  return undefined;
}

/**
 * What the API says of an SLO's collection: its source, the times of the
 * last attempt, success and error, and the error itself.
 *
 * @internal
 */
export function collectionStatus(
  sourceName: string,
  source: SloSource | undefined,
  state: SloCollectionState | undefined,
): SloCollectionStatus {
  return {
    source: sourceName,
    sourceType: source?.type ?? 'unknown',
    demo: source?.isDemo ?? false,
    lastSuccessAt: iso(state?.lastSuccessAt ?? null),
    lastAttemptAt: iso(state?.lastAttemptAt ?? null),
    lastErrorAt: iso(state?.lastErrorAt ?? null),
    lastError: state?.lastError ?? null,
    consecutiveFailures: state?.consecutiveFailures ?? 0,
    collectedUntil:
      state?.collectedUntil === null || state?.collectedUntil === undefined
        ? null
        : iso(state.collectedUntil * 1000),
    ...deferralStatus(currentDeferral(state)),
  };
}

function deferralStatus(
  deferral: SloCollectionState['deferral'],
): Pick<SloCollectionStatus, 'deferral'> {
  if (!deferral) return {};
  return {
    deferral: {
      at: new Date(deferral.at).toISOString(),
      reason: deferral.reason,
      intervalSeconds: deferral.intervalSeconds,
    },
  };
}

/**
 * Collection problems override the data state. A stale or failed SLO keeps
 * its figures; its health is unknown only when it has no figures at all.
 *
 * @internal
 */
export function withCollectionOverride(
  evaluation: SloEvaluation,
  override: SloDataState | undefined,
): SloEvaluation {
  if (!override) {
    return evaluation;
  }
  return {
    ...evaluation,
    dataState: override,
    health: evaluation.sli === null ? 'unknown' : evaluation.health,
  };
}

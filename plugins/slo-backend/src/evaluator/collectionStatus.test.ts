import type { SloCollectionState } from '../database/SloStore';
import {
  collectionDataState,
  collectionStatus,
  currentDeferral,
} from './collectionStatus';

const T = 1_740_787_200; // 2025-03-01T00:00:00Z

function state(partial: Partial<SloCollectionState>): SloCollectionState {
  return {
    sloId: 'component:default/a/availability',
    lastAttemptAt: T * 1000,
    lastSuccessAt: T * 1000,
    lastErrorAt: null,
    lastError: null,
    consecutiveFailures: 0,
    collectedFrom: T - 86400,
    collectedUntil: T,
    dataVersion: 1,
    deferral: null,
    ...partial,
  };
}

const budget = {
  reason: 'Datadog query budget: 1200 queries per hour, 1200 sent in the last hour',
  intervalSeconds: 900,
};

describe('collection status under a query budget', () => {
  it('shows the deferral while the budget stretches collection, and lets it fade after', () => {
    // Deferred after its last success: waiting its turn.
    const waiting = state({ deferral: { at: (T + 300) * 1000, ...budget } });
    expect(collectionStatus('dd', undefined, waiting).deferral).toEqual({
      at: '2025-03-01T00:05:00.000Z',
      ...budget,
    });
    // Collected just now, deferred one cycle before: still stretched.
    const justCollected = state({
      lastSuccessAt: (T + 900) * 1000,
      deferral: { at: (T + 600) * 1000, ...budget },
    });
    expect(currentDeferral(justCollected)).not.toBeNull();
    // Collected every cycle for longer than the stretched interval: no longer deferred.
    const covered = state({
      lastSuccessAt: (T + 3600) * 1000,
      deferral: { at: (T + 600) * 1000, ...budget },
    });
    expect(collectionStatus('dd', undefined, covered)).not.toHaveProperty('deferral');
  });

  it('does not call a stretched SLO stale while it waits its turn', () => {
    const timing = { now: T + 1200, bucketSeconds: 300, frequencySeconds: 300 };
    const deferredState = state({
      deferral: { at: (T + 1200) * 1000, ...budget },
    });
    // 20 minutes behind with 5-minute cycles is stale, unless a 15-minute stretch explains it.
    expect(collectionDataState(state({}), timing)).toBe('stale');
    expect(collectionDataState(deferredState, timing)).toBeUndefined();
    expect(
      collectionDataState(deferredState, { ...timing, now: T + 3 * 900 + 300 }),
    ).toBe('stale');
  });
});

import type {
  SloCollectionStatus,
  SloDataState,
  SloEvaluation,
} from '@slo-kit/plugin-slo-common';
import {
  formatCount,
  formatCoverage,
  formatDateTime,
  formatRelative,
} from '../format';

/** Short names of the data states, shown next to figures that cannot be trusted. */
export const DATA_STATE_LABELS: Record<SloDataState, string> = {
  ok: 'Data OK',
  'no-data': 'No data',
  partial: 'Partial coverage',
  'low-traffic': 'Too little traffic',
  stale: 'Stale',
  error: 'Source error',
};

/** An explanation of a data state, with what it means for the figures and what to do. */
export interface DataStateExplanation {
  state: SloDataState;
  title: string;
  /** What happened and what to do, in sentences. */
  detail: string;
  /** The source's own error message, when there is one. */
  sourceError?: string;
  severity: 'info' | 'warning' | 'error';
}

/**
 * Explains why a figure can't be trusted, or returns undefined when the data is
 * fine and the source reported no error.
 */
export function explainDataState(options: {
  evaluation: SloEvaluation | undefined;
  collection: SloCollectionStatus;
  minimumEvents?: number;
  now: number;
  timeZone?: string;
}): DataStateExplanation | undefined {
  const { evaluation, collection, minimumEvents, now, timeZone } = options;
  const state: SloDataState = evaluation?.dataState ?? 'no-data';
  const lastError = collection.lastError ?? undefined;
  const lastSuccess = collection.lastSuccessAt
    ? Date.parse(collection.lastSuccessAt) / 1000
    : undefined;
  const lastCollected =
    lastSuccess !== undefined
      ? `Last collected ${formatRelative(lastSuccess, now)} (${formatDateTime(
          lastSuccess,
          timeZone,
        )}).`
      : 'Never collected successfully.';

  switch (state) {
    case 'ok':
      if (!lastError) {
        return undefined;
      }
      return {
        state,
        title: 'The last collection failed',
        detail: `${lastCollected} The figures are still current; the source reported an error on its latest attempt.`,
        sourceError: lastError,
        severity: 'info',
      };
    case 'no-data':
      return {
        state,
        title: DATA_STATE_LABELS[state],
        detail: `No events were recorded in the window, so there is no attainment to show. Check that the SLI's queries return series in ${collection.source}. ${lastCollected}`,
        sourceError: lastError,
        severity: 'warning',
      };
    case 'partial':
      return {
        state,
        title: DATA_STATE_LABELS[state],
        detail: `Data covers ${formatCoverage(
          evaluation?.coverage ?? 0,
        )} of the window; the figures describe only that part. This is normal for a new SLO or a series that appeared late.`,
        sourceError: lastError,
        severity: 'info',
      };
    case 'low-traffic':
      return {
        state,
        title: DATA_STATE_LABELS[state],
        detail: `Only ${formatCount(evaluation?.total ?? 0)} events in the window${
          minimumEvents !== undefined
            ? `, fewer than the minimum of ${formatCount(minimumEvents)}`
            : ''
        }. A handful of failures would swing the attainment, so it is not trusted.`,
        sourceError: lastError,
        severity: 'info',
      };
    case 'stale':
      return {
        state,
        title: DATA_STATE_LABELS[state],
        detail: `${lastCollected} The figures are the last good ones and may be out of date.`,
        sourceError: lastError,
        severity: 'warning',
      };
    case 'error':
    default:
      return {
        state: 'error',
        title: DATA_STATE_LABELS.error,
        detail: `${collection.source} (${collection.sourceType}) has not answered successfully for this SLO yet. ${lastCollected}`,
        sourceError: lastError ?? 'The source gave no error message.',
        severity: 'error',
      };
  }
}

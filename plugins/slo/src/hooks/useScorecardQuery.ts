import { useAppSearchParams } from '@backstage/frontend-plugin-api';
import { useCallback, useMemo } from 'react';
import {
  parseScorecardQuery,
  scorecardQueryToParams,
  type ScorecardQuery,
} from './scorecardQuery';

/**
 * The scorecard's view state from the URL, and a setter that writes it back.
 * Typing in the filter replaces the history entry instead of adding one per key.
 *
 * @public
 */
export function useScorecardQuery(): [
  ScorecardQuery,
  (change: Partial<ScorecardQuery>, options?: { replace?: boolean }) => void,
] {
  const [params, setParams] = useAppSearchParams();
  const query = useMemo(() => parseScorecardQuery(params), [params]);
  const update = useCallback(
    (change: Partial<ScorecardQuery>, options?: { replace?: boolean }) => {
      setParams(
        previous =>
          scorecardQueryToParams({ ...parseScorecardQuery(previous), ...change }),
        { replace: options?.replace },
      );
    },
    [setParams],
  );
  return [query, update];
}

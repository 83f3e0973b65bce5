import {
  discoveryApiRef,
  fetchApiRef,
  useApi,
} from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { useEffect, useState } from 'react';

/** One check's result for an entity, as `POST /api/tech-insights/checks/run/...` answers it. */
export interface CheckResult {
  check: { id: string; name: string; description: string };
  result: boolean;
  facts: Record<string, { value?: unknown }>;
}

/** Loading, the results, or what went wrong. */
export type CheckResultsState =
  | { status: 'loading' }
  | { status: 'loaded'; results: CheckResult[] }
  | { status: 'error'; message: string };

/**
 * Runs every Tech Insights check on the current entity with the backend's
 * JSON rules engine (checks whose `filter` does not match the entity are
 * left out of the answer).
 */
export function useEntityCheckResults(): CheckResultsState {
  const { entity } = useEntity();
  const discovery = useApi(discoveryApiRef);
  const { fetch } = useApi(fetchApiRef);
  const [state, setState] = useState<CheckResultsState>({ status: 'loading' });
  const namespace = entity.metadata.namespace ?? 'default';
  const { kind } = entity;
  const { name } = entity.metadata;

  useEffect(() => {
    let cancelled = false;
    (async () => {
      const base = await discovery.getBaseUrl('tech-insights');
      const res = await fetch(
        `${base}/checks/run/${encodeURIComponent(
          namespace,
        )}/${encodeURIComponent(kind)}/${encodeURIComponent(name)}`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{}',
        },
      );
      if (!res.ok) {
        throw new Error(
          `the Tech Insights backend answered ${res.status} ${res.statusText}`,
        );
      }
      return (await res.json()) as CheckResult[];
    })().then(
      results => !cancelled && setState({ status: 'loaded', results }),
      error =>
        !cancelled &&
        setState({
          status: 'error',
          message: error instanceof Error ? error.message : String(error),
        }),
    );
    return () => {
      cancelled = true;
    };
  }, [discovery, fetch, namespace, kind, name]);
  return state;
}

import type { HumanDuration } from '@backstage/types';

export interface Config {
  slo?: {
    sources?: {
      /**
       * Prometheus-compatible sources (Prometheus, Thanos, Mimir, Cortex,
       * VictoriaMetrics), by instance name. SLOs pick one with `source:
       * <instance name>`; `slo.defaultSource` names the one used otherwise.
       */
      prometheus?: {
        [instanceName: string]: {
          /** Base URL of the HTTP API, e.g. `https://prometheus.example.com` (without `/api/v1`). */
          baseUrl: string;
          /**
           * Extra HTTP headers sent with every query (e.g. basic auth or an API key).
           * @deepVisibility secret
           */
          headers?: { [name: string]: string };
          /**
           * Sent as `Authorization: Bearer <token>`.
           * @visibility secret
           */
          bearerToken?: string;
          /** Tenant for Mimir / Cortex, sent as the `X-Scope-OrgID` header. */
          tenantId?: string;
          /**
           * Thanos: whether a query may answer with data from only some stores
           * (`partial_response`). Unset leaves Thanos' own default. An answer
           * that says it is partial (warnings) is refused and retried next
           * cycle rather than stored, so `false` only saves the round trip.
           */
          partialResponse?: boolean;
          /** Longest one HTTP request may take. Default 30 seconds. */
          timeout?: HumanDuration | string;
          /** Queries in flight at once against this instance. Default 4. */
          maxConcurrentQueries?: number;
          /**
           * Most points one `query_range` request may return per series.
           * Default 10000; Prometheus rejects more than 11000.
           */
          maxPointsPerRequest?: number;
          /**
           * Base URL of the instance's web UI for "open in Prometheus" links,
           * when it differs from `baseUrl` (e.g. the API sits behind a proxy).
           */
          exploreUrl?: string;
          /**
           * Ask SLOs whose selectors differ only in one label's value (e.g.
           * `service="..."`) together: one `sum by (label)` query per batch
           * instead of two per SLO, with exactly the figures of the single
           * queries. A failing batch falls back to single queries. `false`
           * turns it off. Default on.
           */
          batch?:
            | boolean
            | {
                /** Default true. */
                enabled?: boolean;
                /** Most distinct label values in one query. Default 100. */
                maxValues?: number;
                /**
                 * Most points of all series of one batch query together;
                 * longer ranges are asked in more queries. Default 250000.
                 */
                maxPoints?: number;
              };
        };
      };
    };
  };
}

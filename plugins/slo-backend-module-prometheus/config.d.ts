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
        };
      };
    };
  };
}

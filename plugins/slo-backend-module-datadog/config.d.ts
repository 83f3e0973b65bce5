import type { HumanDuration } from '@backstage/types';

export interface Config {
  slo?: {
    sources?: {
      /**
       * Datadog instances (`@slo-kit/plugin-slo-backend-module-datadog`), by
       * instance name. SLOs pick one with `source: <name>`.
       */
      datadog?: {
        [instanceName: string]: {
          /**
           * Datadog site parameter: datadoghq.com (default), us3.datadoghq.com,
           * us5.datadoghq.com, datadoghq.eu, ap1.datadoghq.com,
           * ap2.datadoghq.com, ddog-gov.com or us2.ddog-gov.com.
           */
          site?: string;
          /**
           * Datadog API key, sent as the DD-API-KEY header.
           * @visibility secret
           */
          apiKey: string;
          /**
           * Datadog application key with the timeseries_query permission,
           * sent as the DD-APPLICATION-KEY header.
           * @visibility secret
           */
          applicationKey: string;
          /** Longest one request may take. Default 30 seconds. */
          timeout?: HumanDuration | string;
          /** Requests in flight at once for this instance. Default 2. */
          maxConcurrentRequests?: number;
          /**
           * Overrides the API address (a proxy or a test server), e.g.
           * http://127.0.0.1:8126. Default https://api.<site>.
           */
          baseUrl?: string;
          /**
           * Most points Datadog returns per series in one query; longer ranges
           * are split. Default 1500.
           */
          maxPointsPerQuery?: number;
          /** Sampling interval of gauge latency SLIs, in seconds. Default 60. */
          gaugeSampleSeconds?: number;
          /**
           * Ask ratio SLOs whose selectors differ only in one tag's value
           * (e.g. `service:...`) together: one grouped query per side
           * (`sum:metric{...} by {service}.as_count()`) per batch instead of
           * two per SLO, with exactly the figures of the single queries. A
           * failing batch falls back to single queries. `false` turns it
           * off. Default on.
           */
          batch?:
            | boolean
            | {
                /** Default true. */
                enabled?: boolean;
                /** Most SLOs one grouped query answers. Default 100. */
                maxValues?: number;
              };
          /**
           * Most queries the collector sends to this instance per hour. When
           * a cycle would exceed it (or Datadog's X-RateLimit-Remaining says
           * the window is spent), the remaining SLOs of this instance wait
           * for later cycles and keep their last figures, instead of
           * failing. Default: no limit of its own (Datadog's headers still
           * apply).
           */
          queriesPerHour?: number;
        };
      };
    };
  };
}

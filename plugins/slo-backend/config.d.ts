import type { HumanDuration } from '@backstage/types';

export interface Config {
  /** Configuration for the SLO plugin. */
  slo?: {
    /**
     * Name of the source instance used by SLOs that do not name one
     * (`source:` in the definition). Defaults to the only registered source
     * when there is exactly one.
     */
    defaultSource?: string;

    /**
     * Fixes the backend's notion of "now" (ISO-8601 time), for demos and tests
     * against fixed data. Leave unset in production.
     */
    now?: string;

    /**
     * Share of a window's buckets that must hold data before attainment is
     * trusted (0..1). Below it the data state is `partial`. Default 0.9.
     */
    coverageThreshold?: number;

    /**
     * Fewest events in a window before attainment is trusted, unless an SLO
     * sets its own `minimumEvents`. Below it the data state is `low-traffic`.
     */
    minimumEvents?: number;

    /**
     * Figures kept in memory between requests, each replaced when its SLO's
     * data changes. Below the number of SLOs, a scorecard of every SLO
     * computes again what it evicted.
     */
    cache?: {
      /**
       * Most SLO statuses, and most scorecard overviews, kept (each kind
       * apart): about 2 KB of memory per status (kept encoded, outside the
       * V8 heap) and 1 KB per overview. Default 40,000: every SLO of a portal
       * of 40,000.
       */
      figures?: number;
      /** Most series and period histories kept (one per chart asked for). Default 2,000. */
      charts?: number;
    };

    /** The reliability review. */
    review?: {
      /**
       * IANA zone whose calendar weeks, months and quarters a review uses for
       * SLOs with rolling windows (calendar windows keep their own zone).
       * Compaction keeps history exact at this zone's midnights. Default UTC.
       */
      timeZone?: string;
    };

    /**
     * SLI templates that entities apply with the `slo-kit.dev/templates`
     * annotation, by template name. Parsed and validated by the SLO engine.
     */
    templates?: {
      [templateName: string]: {
        [key: string]: unknown;
      };
    };

    /** The scheduled collection of good/total event counts. */
    collector?: {
      /** How often a collection cycle runs. Default 5 minutes. */
      frequency?: HumanDuration | string;
      /** Longest a whole cycle may run before another replica may take over. Default 15 minutes. */
      timeout?: HumanDuration | string;
      /** Delay after startup before the first cycle. Default 10 seconds. */
      initialDelay?: HumanDuration | string;
      /** Longest one request to a source may take. Default 30 seconds. */
      requestTimeout?: HumanDuration | string;
      /** Attempts per source request for retryable errors (timeouts, 5xx, 429). Default 3. */
      maxAttempts?: number;
      /** History collected the first time an SLO is seen, in days. Default 90. */
      backfillDays?: number;
      /** Length of a stored event bucket, in seconds. Default 300 (5 minutes). */
      bucketSeconds?: number;
      /**
       * How many SLOs fetch from their sources at the same time. Default 4.
       * Finished SLOs' buckets are stored together (group commits of up to
       * 100 SLOs) while the next ones fetch.
       */
      concurrency?: number;
      /**
       * How long fine buckets (`bucketSeconds`) are kept, in days, before they
       * are compacted into one-hour buckets. Default 8.
       */
      fineRetentionDays?: number;
      /** How long any bucket is kept, in days. Default 400. */
      retentionDays?: number;
    };

    /**
     * The scheduled search for suggested SLOs: for every catalog Component
     * without SLOs, the templates with data and an objective each met over
     * the last 30 days. A task of its own, apart from collection: it starts
     * no source query while a collection cycle runs on any replica sharing
     * the plugin's database.
     */
    suggestions?: {
      /** Whether the search runs at all. Default true. */
      enabled?: boolean;
      /** How often a run starts. Default 6 hours. */
      frequency?: HumanDuration | string;
      /** Delay after startup before the first run. Default 5 minutes. */
      initialDelay?: HumanDuration | string;
      /** Longest a run may take before it is cancelled. Default 1 hour. */
      timeout?: HumanDuration | string;
      /** How many services are searched at the same time. Default 2. */
      concurrency?: number;
      /**
       * Most source queries one run may issue (up to two per template and
       * service name tried); services left over are searched first in the next run.
       * Default 20000.
       */
      maxQueriesPerRun?: number;
    };
  };
}

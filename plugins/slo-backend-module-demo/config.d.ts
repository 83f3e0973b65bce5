export interface Config {
  slo?: {
    /** The demo source (`@slo-kit/plugin-slo-backend-module-demo`). */
    demo?: {
      /** Source instance name; default `demo`. */
      name?: string;
      /**
       * Scenario by SLO id (`<entityRef>/<name>`): `healthy`, `burning`,
       * `overspent`, `partial` or `low-traffic`.
       */
      scenarios?: { [sloId: string]: string };
      /**
       * The series the demo pretends to hold: an SLI that names another
       * metric, or matches on another label, gets no data (as from a real
       * metric store), so suggested SLOs only come from templates that match.
       * Without it every SLI gets synthetic counts.
       */
      series?: {
        /** Metric names; a histogram by its base name (`_bucket`, `_count` follow). */
        metrics: string[];
        /** Label names the series carry, e.g. `service`, `code`, `le`. */
        labels?: string[];
      };
    };
  };
}

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
    };
  };
}

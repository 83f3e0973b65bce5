/*
 * The demo portal's backend: the catalog, guest sign-in, permissions and the
 * SLO plugin with its source modules. Everything an adopter would copy into
 * their own backend is the two `backend.add` lines in the SLO block.
 */
import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));

// auth: guest sign-in for the demo portal
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));

// catalog, with processing errors in the log
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));

// permissions
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(
  import('@backstage/plugin-permission-backend-module-allow-all-policy'),
);

// SLOs: the plugin and its sources. The demo source answers the embedded
// default; app-config.prometheus.yaml switches to a real Prometheus.
backend.add(import('@slo-kit/plugin-slo-backend'));
backend.add(import('@slo-kit/plugin-slo-backend-module-prometheus'));
backend.add(import('@slo-kit/plugin-slo-backend-module-datadog'));
backend.add(import('@slo-kit/plugin-slo-backend-module-demo'));

// Tech Insights with the SLO facts and the example checks of
// docs/tech-insights.md (app-config.yaml's techInsights block).
backend.add(import('@backstage-community/plugin-tech-insights-backend'));
backend.add(
  import('@backstage-community/plugin-tech-insights-backend-module-jsonfc'),
);
backend.add(import('@slo-kit/plugin-tech-insights-backend-module-slo'));

// Notifications: the owners of an entity hear when one of its SLOs starts
// paging, raises a ticket alert, burns faster or recovers
// (docs/notifications.md).
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@slo-kit/plugin-slo-backend-module-notifications'));

backend.start();

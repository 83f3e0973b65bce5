import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';

/**
 * The Tech Insights checks of a Component on its overview page (extension
 * `entity-card:catalog/tech-insights-checks`). The community frontend plugin
 * (`@backstage-community/plugin-tech-insights`) is not in the registry this
 * repository installs from, so the demo shows the checks through Tech
 * Insights' own API with this small card: see docs/tech-insights.md.
 */
export const techInsightsChecksModule = createFrontendModule({
  pluginId: 'catalog',
  extensions: [
    EntityCardBlueprint.make({
      name: 'tech-insights-checks',
      params: {
        filter: 'kind:component',
        loader: () =>
          import('./TechInsightsChecksCard').then(m => (
            <m.TechInsightsChecksCard />
          )),
      },
    }),
  ],
});

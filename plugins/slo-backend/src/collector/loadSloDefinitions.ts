import type { AuthService } from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  SLO_ANNOTATIONS,
  type SloDefinition,
} from '@slo-kit/plugin-slo-common';
import type { SloDefinitionLoader } from '../definitions/SloDefinitionLoader';

/**
 * Reads every entity with SLO annotations, with the plugin's own
 * credentials, and their SLO definitions (the first of duplicate ids).
 *
 * @internal
 */
export async function loadSloDefinitions(options: {
  catalog: CatalogService;
  auth: AuthService;
  loader: SloDefinitionLoader;
}): Promise<{ entities: number; definitions: SloDefinition[] }> {
  const { catalog, auth, loader } = options;
  const credentials = await auth.getOwnServiceCredentials();
  const { items } = await catalog.getEntities(
    {
      filter: SLO_ANNOTATIONS.map(annotation => ({
        [`metadata.annotations.${annotation}`]: CATALOG_FILTER_EXISTS,
      })),
    },
    { credentials },
  );
  const definitions = new Map<string, SloDefinition>();
  for (const entity of items) {
    const { definitions: parsed } = await loader.load(entity);
    for (const definition of parsed) {
      // Duplicate names are reported as problems by the engine; collect the first.
      if (!definitions.has(definition.id)) {
        definitions.set(definition.id, definition);
      }
    }
  }
  return { entities: items.length, definitions: [...definitions.values()] };
}

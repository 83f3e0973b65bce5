import { ANNOTATION_LOCATION, type Entity } from '@backstage/catalog-model';
import {
  getOpenSloTargets,
  normalizeEntityRef,
  parseEntitySlos,
  SLO_OPENSLO_ANNOTATION,
  type SliTemplate,
  type ValidationProblem,
} from '@slo-kit/plugin-slo-common';
import path from 'node:path';
import type { EntitySlos, SloDefinitionLoader } from './SloDefinitionLoader';
import type { OpenSloReader } from './OpenSloReader';

/**
 * Loads an entity's SLOs with the SLO engine: annotations, app-config
 * templates, and OpenSLO files read relative to the entity's location.
 *
 * @internal
 */
export class CatalogSloDefinitionLoader implements SloDefinitionLoader {
  constructor(
    private readonly options: {
      templates?: readonly SliTemplate[];
      knownSources: () => readonly string[];
      openSlo: OpenSloReader;
    },
  ) {}

  /** For `file:` entities, the folder of their catalog file: OpenSLO paths must stay inside it. */
  private fileRoot(entity: Entity): string | undefined {
    const location = entity.metadata.annotations?.[ANNOTATION_LOCATION];
    if (location?.startsWith('file:')) {
      return path.dirname(path.resolve(location.slice('file:'.length)));
    }
    return undefined;
  }

  async load(entity: Entity): Promise<EntitySlos> {
    const entityRef = normalizeEntityRef({
      kind: entity.kind,
      namespace: entity.metadata.namespace ?? 'default',
      name: entity.metadata.name,
    });
    const readProblems: ValidationProblem[] = [];
    const openSloDocuments: Array<{ location: string; content: string }> = [];
    const targets = getOpenSloTargets(entity);
    for (const location of targets) {
      try {
        const content = await this.options.openSlo.read(
          location,
          this.fileRoot(entity),
        );
        openSloDocuments.push({ location, content });
      } catch (error) {
        readProblems.push({
          entityRef,
          annotation: SLO_OPENSLO_ANNOTATION,
          path: '',
          message: `The OpenSLO file ${location} could not be read: ${
            error instanceof Error ? error.message : String(error)
          }. Check the path in ${SLO_OPENSLO_ANNOTATION} (relative to the catalog file) and that the portal can read it.`,
          found: location,
          expected: 'a readable OpenSLO YAML file',
        });
      }
    }
    const { slos, problems } = parseEntitySlos(entity, {
      templates: this.options.templates,
      knownSources: this.options.knownSources(),
      openSloDocuments,
    });
    return {
      entityRef,
      definitions: slos,
      problems: [...readProblems, ...problems],
    };
  }
}

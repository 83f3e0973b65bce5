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
 * An OpenSLO file's location as answers and problems show it: a URL as it
 * is, a file relative to the entity's catalog file, as the annotation
 * names it, never the server's own path.
 */
function shownLocation(target: string, fileRoot: string | undefined): string {
  if (/^https?:\/\//i.test(target) || !fileRoot) {
    return target;
  }
  return path.relative(fileRoot, target).split(path.sep).join('/');
}

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
      /**
       * Now, epoch seconds: corrections other than planned maintenance
       * may not start after it. Without it that check is left out.
       */
      now?: () => number;
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
    const fileRoot = this.fileRoot(entity);
    for (const target of getOpenSloTargets(entity)) {
      const location = shownLocation(target, fileRoot);
      try {
        const content = await this.options.openSlo.read(target, fileRoot);
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
    const { slos, composites, problems } = parseEntitySlos(entity, {
      templates: this.options.templates,
      knownSources: this.options.knownSources(),
      openSloDocuments,
      now: this.options.now?.(),
    });
    return {
      entityRef,
      definitions: slos,
      composites,
      problems: [...readProblems, ...problems],
    };
  }
}

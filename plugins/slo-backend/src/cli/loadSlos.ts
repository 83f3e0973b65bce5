import type { UrlReaderService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import type { Config } from '@backstage/config';
import {
  COMPOSITE_SLOS_ANNOTATION,
  mergeEntityComposites,
  parseCompositeSlos,
  parseSliTemplates,
  validateCompositeMembers,
  type CompositeMemberEntity,
  type CompositeSloDefinition,
  type PrometheusRulesComposite,
  type SloDefinition,
  type ValidationProblem,
} from '@slo-kit/plugin-slo-common';
import { CatalogSloDefinitionLoader } from '../definitions/CatalogSloDefinitionLoader';
import { OpenSloReader } from '../definitions/OpenSloReader';
import { problemDetails } from './problemDetails';
import { readCatalogFiles } from './readCatalogFiles';

/** Reads OpenSLO files given as URLs with plain fetch: the CLI has no integrations config. */
const fetchUrlReader: Pick<UrlReaderService, 'readUrl'> = {
  async readUrl(url) {
    const response = await fetch(url);
    if (!response.ok) {
      throw new Error(
        `${url} answered ${response.status} ${response.statusText}`,
      );
    }
    const buffer = Buffer.from(await response.arrayBuffer());
    return {
      buffer: async () => buffer,
      stream: () => {
        throw new Error('not supported');
      },
    };
  },
};

/**
 * A definition problem on one line: where, what, and the details.
 *
 * @internal
 */
export function formatProblem(problem: ValidationProblem): string {
  const where = [problem.entityRef, problem.annotation, problem.path]
    .filter(Boolean)
    .join(' ');
  return `${where}: ${problem.message}${problemDetails(problem)}`;
}

/**
 * Loads entities and SLOs of catalog files, with the config's templates and
 * sources, and their composite SLOs (of `slo-kit.dev/composite-slos` and of
 * OpenSLO files) with members resolved among the files'
 * entities (a member in no given file is an unknown member). `at` (epoch
 * seconds, default now) is the evaluation time: what "in the future" means for
 * corrections, so `--at` in the past judges them as the portal did then.
 *
 * @internal
 */
export async function loadSlos(
  files: string[],
  config: Config,
  knownSources: readonly string[] | undefined,
  io: { err: (text: string) => void },
  at?: number,
): Promise<{
  definitions: SloDefinition[];
  composites: PrometheusRulesComposite[];
  problems: ValidationProblem[];
  readErrors: string[];
  /** Every entity of the files, as refs. */
  entityRefs: string[];
}> {
  const { entities, errors } = await readCatalogFiles(files);
  const templates = parseSliTemplates(config.getOptional('slo.templates'));
  for (const problem of templates.problems) {
    io.err(
      `app-config slo.templates${problem.path ? `.${problem.path}` : ''}: ${
        problem.message
      }`,
    );
  }
  const loader = new CatalogSloDefinitionLoader({
    templates: templates.templates,
    knownSources: () => knownSources ?? [],
    openSlo: new OpenSloReader(fetchUrlReader),
    now: () => at ?? Math.floor(Date.now() / 1000),
  });
  const definitions: SloDefinition[] = [];
  const problems: ValidationProblem[] = [...templates.problems];
  const declared: CompositeSloDefinition[] = [];
  const byRef = new Map<string, CompositeMemberEntity>();
  for (const entity of entities) {
    const loaded = await loader.load(entity);
    definitions.push(...loaded.definitions);
    problems.push(...loaded.problems);
    const entityRef = stringifyEntityRef(entity);
    // As the backend's compositesOf: the annotation's and the OpenSLO files'.
    const parsed = mergeEntityComposites(
      parseCompositeSlos(
        entity.metadata.annotations?.[COMPOSITE_SLOS_ANNOTATION],
        { entityRef },
      ),
      loaded.composites ?? [],
    );
    problems.push(...parsed.problems);
    declared.push(...parsed.composites);
    byRef.set(entityRef, {
      definitions: loaded.definitions,
      compositeNames: parsed.composites.map(c => c.name),
      visible: true,
    });
  }
  const composites = declared.map(composite => {
    const validated = validateCompositeMembers(composite, byRef);
    problems.push(...validated.problems);
    return validated.members
      ? { composite, members: validated.members }
      : {
          composite,
          notExported: `${validated.problems.length} problem(s) with its members, printed on stderr`,
        };
  });
  return {
    definitions,
    composites,
    problems,
    readErrors: errors,
    entityRefs: [...byRef.keys()],
  };
}

import type { Entity } from '@backstage/catalog-model';
import {
  MAX_SLOS_PER_ENTITY,
  parseEntitySlos,
  SLO_ANNOTATION,
  type SloDefinition,
} from '@slo-kit/plugin-slo-common';
import YAML from 'yaml';
import type { ImportedSlo } from './ImportedSlo';
import { problemDetails } from '../cli/problemDetails';

/** An entity reference as the output writes it. */
export interface EntityName {
  kind: string;
  namespace: string;
  name: string;
}

/**
 * The SLOs imported for one entity: the annotation items and the
 * definitions they read back as.
 *
 * @internal
 */
export interface ImportedEntity {
  entity: EntityName;
  slos: Array<{ imported: ImportedSlo; definition: SloDefinition }>;
}

/** A catalog entity declaring `items` in `slo-kit.dev/slos`. */
export function entityWith(
  entity: EntityName,
  items: Array<Record<string, unknown>>,
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: entity.kind,
    metadata: {
      name: entity.name,
      namespace: entity.namespace,
      annotations: {
        [SLO_ANNOTATION]: YAML.stringify(items, { lineWidth: 0 }),
      },
    },
  };
}

/**
 * Reads every imported item back with the portal's own annotation parser,
 * one at a time, so that each problem is noted on the SLO it belongs to (at
 * its path in the input file). Items with problems, repeated names and SLOs
 * beyond an entity's limit are refused; the rest come back grouped by
 * entity, in the order they were read.
 *
 * @internal
 */
export function validateImported(
  imported: ImportedSlo[],
  entityOf: (name: string) => EntityName,
): ImportedEntity[] {
  const entities = new Map<string, ImportedEntity>();
  for (const slo of imported) {
    const entity = entityOf(slo.entityName);
    const key =
      `${entity.kind}:${entity.namespace}/${entity.name}`.toLowerCase();
    const group = entities.get(key) ?? { entity, slos: [] };
    entities.set(key, group);
    const { slos, problems } = parseEntitySlos(entityWith(entity, [slo.item]));
    for (const problem of problems) {
      const match = /^\[0\](?:\.([^.[]+))?/.exec(problem.path);
      const field = match?.[1];
      const path = (field && slo.fieldPaths[field]) ?? slo.path;
      const inner = problem.path.replace(/^\[0\]\.?/, '');
      slo.notes.refused(
        path,
        `${problem.message}${problemDetails(problem)}${
          inner && !slo.fieldPaths[field ?? '']
            ? ` (at ${inner} of the imported SLO)`
            : ''
        }`,
      );
    }
    if (problems.length > 0 || slos.length !== 1) continue;
    const [definition] = slos;
    const earlier = group.slos.find(
      other => other.definition.name === definition.name,
    );
    if (earlier) {
      const where = `${earlier.imported.notes.location.file}${
        earlier.imported.path ? ` ${earlier.imported.path}` : ''
      }`;
      slo.notes.refused(
        slo.fieldPaths.name ?? slo.path,
        `the SLO name "${definition.name}" is already used on ${key} by the SLO from ${where}; rename one of them (names are unique per entity).`,
      );
      continue;
    }
    if (group.slos.length >= MAX_SLOS_PER_ENTITY) {
      slo.notes.refused(
        slo.path,
        `${key} already has ${MAX_SLOS_PER_ENTITY} SLOs, the most an entity may declare; put this one on the entity it measures (--entity).`,
      );
      continue;
    }
    const withSourceType =
      slo.definition?.sourceType !== undefined
        ? { ...definition, sourceType: slo.definition.sourceType }
        : definition;
    group.slos.push({ imported: slo, definition: withSourceType });
  }
  return [...entities.values()].filter(group => group.slos.length > 0);
}

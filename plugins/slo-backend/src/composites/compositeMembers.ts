import type {
  AuthService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  COMPOSITE_SLOS_ANNOTATION,
  mergeEntityComposites,
  parseCompositeSlos,
  SLO_OPENSLO_ANNOTATION,
  type CompositeMemberEntity,
  type CompositeSloDefinition,
  type EntityComposites,
} from '@slo-kit/plugin-slo-common';
import type { SloDefinitionLoader } from '../definitions/SloDefinitionLoader';

/** How a member the caller may not read is shown. */
export const HIDDEN_MEMBER = 'another entity';

/** A member entity as resolved for one request. */
export interface MemberEntity extends CompositeMemberEntity {
  entity: Entity;
}

/** What resolving members needs. */
export interface MemberResolution {
  catalog: CatalogService;
  auth: AuthService;
  loader: SloDefinitionLoader;
}

/**
 * The catalog filter of entities that may declare composites: in
 * `slo-kit.dev/composite-slos`, or in the OpenSLO files of `slo-kit.dev/openslo`.
 */
export const DECLARES_COMPOSITES = [
  COMPOSITE_SLOS_ANNOTATION,
  SLO_OPENSLO_ANNOTATION,
].map(annotation => ({
  [`metadata.annotations.${annotation}`]: CATALOG_FILTER_EXISTS,
}));

/**
 * The composites an entity declares, parsed, with their problems: those of
 * its `slo-kit.dev/composite-slos` annotation and those of its OpenSLO files
 * (read by `loader`, only for entities that point to some), merged by
 * `mergeEntityComposites`. Problems inside the OpenSLO files are the entity's
 * SLO problems, listed with its SLOs, not repeated here.
 */
export async function compositesOf(
  entity: Entity,
  loader: SloDefinitionLoader,
): Promise<EntityComposites> {
  const annotated = parseCompositeSlos(
    entity.metadata.annotations?.[COMPOSITE_SLOS_ANNOTATION],
    { entityRef: stringifyEntityRef(entity) },
  );
  if (!entity.metadata.annotations?.[SLO_OPENSLO_ANNOTATION]) return annotated;
  const { composites = [] } = await loader.load(entity);
  return mergeEntityComposites(annotated, composites);
}

/** An entity the caller may read, or a not-found error that says so. */
export async function readableEntity(
  catalog: CatalogService,
  entityRef: string,
  credentials: BackstageCredentials,
): Promise<Entity> {
  const entity = await catalog.getEntityByRef(entityRef, { credentials });
  if (!entity) {
    throw new NotFoundError(
      `No entity ${entityRef} in the catalog, or you may not read it. Check the ref (kind:namespace/name).`,
    );
  }
  return entity;
}

async function asMember(
  entity: Entity,
  ref: string,
  visible: boolean,
  loader: SloDefinitionLoader,
): Promise<MemberEntity> {
  const { definitions, composites = [] } = await loader.load(entity);
  const compositeNames = [
    ...parseCompositeSlos(
      entity.metadata.annotations?.[COMPOSITE_SLOS_ANNOTATION],
      { entityRef: ref },
    ).composites,
    ...composites,
  ].map(c => c.name);
  return { entity, definitions, compositeNames, visible };
}

function memberRefs(composites: readonly CompositeSloDefinition[]): string[] {
  return [
    ...new Set(composites.flatMap(c => c.members.map(m => m.entityRef))),
  ];
}

/**
 * Every member entity of the composites as `credentials` see it, once each;
 * undefined where there is none. A member the caller may not read is still
 * resolved, with the plugin's own credentials (the composite's figures count
 * it), and marked not visible.
 */
export async function memberEntitiesForCaller(
  composites: readonly CompositeSloDefinition[],
  credentials: BackstageCredentials,
  { catalog, auth, loader }: MemberResolution,
): Promise<Map<string, MemberEntity | undefined>> {
  const refs = memberRefs(composites);
  if (refs.length === 0) return new Map();
  // Two catalog requests in all, not one or two per member: a System of 300
  // components took 2.9 s to answer its first request one call at a time.
  const { items: asCaller } = await catalog.getEntitiesByRefs(
    { entityRefs: refs },
    { credentials },
  );
  const hiddenRefs = refs.filter((_, i) => !asCaller[i]);
  const asPlugin = new Map<string, Entity | undefined>();
  if (hiddenRefs.length > 0) {
    const { items } = await catalog.getEntitiesByRefs(
      { entityRefs: hiddenRefs },
      { credentials: await auth.getOwnServiceCredentials() },
    );
    hiddenRefs.forEach((ref, i) => asPlugin.set(ref, items[i]));
  }
  const entries = await Promise.all(
    refs.map(async (ref, i): Promise<[string, MemberEntity | undefined]> => {
      const visible = asCaller[i];
      const entity = visible ?? asPlugin.get(ref);
      if (!entity) return [ref, undefined];
      return [ref, await asMember(entity, ref, visible !== undefined, loader)];
    }),
  );
  return new Map(entries);
}

/**
 * Every member entity of the composites as the plugin sees it (all
 * visible), in one catalog request: what the scorecard and the review
 * count, where no member is named, and the ahead-of-time computation.
 */
export async function memberEntitiesForPlugin(
  composites: readonly CompositeSloDefinition[],
  { catalog, auth, loader }: MemberResolution,
): Promise<Map<string, MemberEntity | undefined>> {
  const refs = memberRefs(composites);
  if (refs.length === 0) return new Map();
  const credentials = await auth.getOwnServiceCredentials();
  const { items } = await catalog.getEntitiesByRefs(
    { entityRefs: refs },
    { credentials },
  );
  const entries = await Promise.all(
    refs.map(async (ref, i): Promise<[string, MemberEntity | undefined]> => {
      const entity = items[i];
      return [ref, entity ? await asMember(entity, ref, true, loader) : undefined];
    }),
  );
  return new Map(entries);
}

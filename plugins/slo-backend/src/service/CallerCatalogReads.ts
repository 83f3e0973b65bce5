import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import type { Entity } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  COMPOSITE_SLOS_ANNOTATION,
  SLO_ANNOTATIONS,
} from '@slo-kit/plugin-slo-common';
import { CallerCatalogCache } from './CallerCatalogCache';

/** Entities with SLOs or composite SLOs: the scorecard's and the rules' entities. */
const sloFilter = [...SLO_ANNOTATIONS, COMPOSITE_SLOS_ANNOTATION].map(
  annotation => ({
    [`metadata.annotations.${annotation}`]: CATALOG_FILTER_EXISTS,
  }),
);

/**
 * What the API reads of the catalog, always with the caller's credentials
 * (so the catalog's permission rules decide what each caller sees), each
 * answer reused for the caller for `cacheMs`.
 *
 * @internal
 */
export class CallerCatalogReads {
  private readonly cache: CallerCatalogCache;

  constructor(private readonly catalog: CatalogService, cacheMs: number) {
    this.cache = new CallerCatalogCache(cacheMs);
  }

  /** One entity the caller may read; not found otherwise. */
  async entity(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<Entity> {
    const entity = await this.cache.get(
      credentials,
      `entity ${entityRef}`,
      () => this.catalog.getEntityByRef(entityRef, { credentials }),
    );
    if (!entity) {
      throw new NotFoundError(
        `No entity ${entityRef} in the catalog, or you may not read it. Check the ref (kind:namespace/name).`,
      );
    }
    return entity;
  }

  /** Entities with SLOs or composite SLOs the caller may read. */
  async visibleSloEntities(
    credentials: BackstageCredentials,
  ): Promise<Entity[]> {
    const { items } = await this.cache.get(
      credentials,
      'entities with SLOs',
      () => this.catalog.getEntities({ filter: sloFilter }, { credentials }),
    );
    return items;
  }

  /** Groups the caller may read. */
  async visibleGroups(credentials: BackstageCredentials): Promise<Entity[]> {
    const { items } = await this.cache.get(credentials, 'groups', () =>
      this.catalog.getEntities({ filter: { kind: 'Group' } }, { credentials }),
    );
    return items;
  }

  /** Components the caller may read, as the catalog answered (cached per caller). */
  async visibleComponents(
    credentials: BackstageCredentials,
  ): Promise<Entity[]> {
    const { items } = await this.cache.get(credentials, 'components', () =>
      this.catalog.getEntities(
        {
          filter: { kind: 'Component' },
          // Only what the counts read: every scorecard asks for all of them.
          fields: [
            'kind',
            'metadata.name',
            'metadata.namespace',
            'metadata.annotations',
            'spec.owner',
            'relations',
          ],
        },
        { credentials },
      ),
    );
    return items;
  }
}

import type { Entity } from '@backstage/catalog-model';
import {
  SLO_ANNOTATIONS,
  SLO_CORRECTIONS_ANNOTATION,
  SLO_OPENSLO_ANNOTATION,
} from '@slo-kit/plugin-slo-common';
import type {
  EntitySlos,
  SloDefinitionLoader,
} from '../definitions/SloDefinitionLoader';

/**
 * Remembers what a loader made of each entity's SLO annotations, so a
 * scorecard over a thousand entities parses only what changed since the
 * last request. Parsing depends on the entity's ref and SLO annotations
 * alone, and those are the key, so a changed entity is parsed again at
 * once. Entities that point to OpenSLO files are always loaded afresh: a
 * file can change while the entity stays the same. So are entities with
 * corrections: whether a correction is valid depends on the time (bad data
 * may not be dated in the future).
 *
 * The same definition objects come back for unchanged entities, which lets
 * the evaluator's cache recognise them without hashing them again.
 *
 * Up to 40,000 entities by default: every entity of a portal of 10,000
 * services and more. A scorecard reads every entity with SLOs in the same
 * order each time, so below their number an LRU bound evicts each entity
 * just before it is asked for again, and every scorecard parsed them all.
 * One instance serves the API, the review and the composites (`plugin.ts`):
 * each SLO's definition is held once.
 *
 * @internal
 */
export class CachingSloDefinitionLoader implements SloDefinitionLoader {
  private readonly entries = new Map<string, Promise<EntitySlos>>();

  constructor(
    private readonly loader: SloDefinitionLoader,
    private readonly maxEntries = 40_000,
  ) {}

  load(entity: Entity): Promise<EntitySlos> {
    const annotations = entity.metadata?.annotations ?? {};
    if (
      annotations[SLO_OPENSLO_ANNOTATION] ||
      annotations[SLO_CORRECTIONS_ANNOTATION]
    ) {
      return this.loader.load(entity);
    }
    const key = JSON.stringify([
      entity.kind,
      entity.metadata?.namespace,
      entity.metadata?.name,
      SLO_ANNOTATIONS.map(annotation => annotations[annotation] ?? null),
    ]);
    const found = this.entries.get(key);
    if (found) {
      this.entries.delete(key);
      this.entries.set(key, found);
      return found;
    }
    const loaded = this.loader.load(entity);
    this.entries.set(key, loaded);
    loaded.catch(() => {
      if (this.entries.get(key) === loaded) {
        this.entries.delete(key);
      }
    });
    while (this.entries.size > this.maxEntries) {
      this.entries.delete(this.entries.keys().next().value as string);
    }
    return loaded;
  }
}

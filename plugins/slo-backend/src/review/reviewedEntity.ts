import { parseEntityRef, type Entity } from '@backstage/catalog-model';
import { normalizeEntityRef } from '@slo-kit/plugin-slo-common';

/**
 * An entity's `spec.system` as a ref, or null when it has none or it cannot
 * be read: the review groups SLOs by it.
 *
 * @internal
 */
export function systemOf(entity: Entity): string | null {
  const system = entity.spec?.system;
  if (typeof system !== 'string' || system.trim() === '') return null;
  try {
    return normalizeEntityRef(
      parseEntityRef(system, {
        defaultKind: 'system',
        defaultNamespace: entity.metadata.namespace ?? 'default',
      }),
    );
  } catch {
    return null;
  }
}

/**
 * A group's name as people know it: its profile's display name, its title,
 * else its name.
 *
 * @internal
 */
export function groupTitle(group: Entity): string {
  const profile = group.spec?.profile as { displayName?: unknown } | undefined;
  return (
    (typeof profile?.displayName === 'string' && profile.displayName) ||
    group.metadata.title ||
    group.metadata.name
  );
}

import {
  CompoundEntityRef,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';

/**
 * The entity ref in its canonical form: `kind:namespace/name`, lowercased.
 * Falls back to the lowercased input when it is not a valid ref.
 *
 * @public
 */
export function normalizeEntityRef(entityRef: string | CompoundEntityRef): string {
  try {
    const ref = typeof entityRef === 'string' ? parseEntityRef(entityRef) : entityRef;
    return stringifyEntityRef(ref).toLocaleLowerCase('en-US');
  } catch {
    return String(entityRef).toLocaleLowerCase('en-US');
  }
}

/**
 * The stable id of an SLO: `<entityRef>/<name>`, e.g.
 * `component:default/checkout/availability`. The entity ref is normalised and
 * lowercased so that ids compare equal however the ref was written.
 *
 * @public
 */
export function sloId(entityRef: string | CompoundEntityRef, name: string): string {
  return `${normalizeEntityRef(entityRef)}/${name}`;
}

import { ANNOTATION_LOCATION, Entity } from '@backstage/catalog-model';
import { SLO_OPENSLO_ANNOTATION } from '../model/annotations';
import { ProblemCollector } from '../parse/ProblemCollector';

/** Most files one entity may point to. */
const MAX_TARGETS = 20;

/**
 * Resolves the `slo-kit.dev/openslo` annotation (one or more locations,
 * separated by commas or new lines) against the entity's own location.
 * Problems go to `problems`.
 */
export function resolveOpenSloTargets(entity: Entity, problems: ProblemCollector): string[] {
  const value = entity.metadata?.annotations?.[SLO_OPENSLO_ANNOTATION];
  if (typeof value !== 'string' || value.trim() === '') return [];
  const base = entity.metadata.annotations?.[ANNOTATION_LOCATION];
  const entries = value.split(/[,\n]/).map(entry => entry.trim()).filter(entry => entry !== '');
  if (entries.length > MAX_TARGETS) {
    problems.add('', `The annotation lists ${entries.length} files; at most ${MAX_TARGETS} are read.`, { expected: 'fewer OpenSLO files' });
  }
  const targets: string[] = [];
  entries.slice(0, MAX_TARGETS).forEach((entry, index) => {
    const target = resolveOne(entry, base);
    if ('error' in target) {
      problems.add(`[${index}]`, target.error, {
        found: entry,
        expected: 'a path relative to the catalog file (openslo/checkout.yaml) or an https:// URL',
      });
    } else if (!targets.includes(target.location)) targets.push(target.location);
  });
  return targets;
}

function resolveOne(entry: string, base: string | undefined): { location: string } | { error: string } {
  let reference = entry;
  if (reference.startsWith('url:')) reference = reference.slice(4);
  if (/^https?:\/\//i.test(reference)) {
    try {
      return { location: new URL(reference).toString() };
    } catch {
      return { error: `"${entry}" is not a valid URL.` };
    }
  }
  if (/^[a-z][a-z0-9+.-]*:/i.test(reference) && !reference.startsWith('file:')) {
    return { error: `"${entry}" uses a scheme that is not read; use a relative path or an http(s) URL.` };
  }
  if (reference.startsWith('file:')) reference = reference.slice(5);
  if (!base) {
    return { error: `"${entry}" is relative, but the entity has no ${ANNOTATION_LOCATION} annotation to resolve it against; use an absolute URL.` };
  }
  const baseType = base.slice(0, base.indexOf(':'));
  const baseTarget = base.slice(base.indexOf(':') + 1);
  try {
    if (baseType === 'url') return { location: new URL(reference, baseTarget).toString() };
    if (baseType === 'file') {
      // Resolve like a URL path, then hand back a plain file path.
      const resolved = new URL(reference, new URL(baseTarget, 'file:///'));
      return { location: decodeURIComponent(resolved.pathname) };
    }
  } catch {
    // fall through to the error below
  }
  return { error: `"${entry}" cannot be resolved against the entity's location "${base}".` };
}

/**
 * The OpenSLO files an entity points to (`slo-kit.dev/openslo`), resolved
 * against the entity's `backstage.io/managed-by-location`: absolute URLs for
 * `url:` locations, absolute file paths for `file:` locations. The backend
 * reads them and passes their content to `parseEntitySlos` as
 * `openSloDocuments` with these strings as `location`. Entries that cannot be
 * resolved are left out (`parseEntitySlos` reports them).
 *
 * @public
 */
export function getOpenSloTargets(entity: Entity): string[] {
  return resolveOpenSloTargets(entity, new ProblemCollector('', SLO_OPENSLO_ANNOTATION));
}

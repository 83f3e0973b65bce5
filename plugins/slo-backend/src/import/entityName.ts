import type { NoteWriter } from './ImportReport';
import { shown } from './readInput';

/** Backstage's rule for `metadata.name`: [a-zA-Z0-9] runs joined by single `-`, `_` or `.`, at most 63 characters. */
const ENTITY_NAME = /^[a-zA-Z0-9]+(?:[-_.][a-zA-Z0-9]+)*$/;

/** Whether text is a valid Backstage entity name. */
export function isEntityName(text: string): boolean {
  return text.length <= 63 && ENTITY_NAME.test(text);
}

/**
 * The entity name for a service named in an imported file: as it is when
 * valid, else made valid (with a `changed` note). Undefined, with a
 * `refused` note, when nothing is left of it.
 */
export function entityNameFor(
  service: unknown,
  path: string,
  notes: NoteWriter,
  fix: string,
): string | undefined {
  if (typeof service !== 'string' || service.trim() === '') {
    notes.refused(
      path,
      `there is no service name${
        service === undefined ? '' : ` (found ${shown(service)})`
      }, so the SLOs have no entity to go to. ${fix}`,
    );
    return undefined;
  }
  if (isEntityName(service)) return service;
  const cleaned = service
    .replace(/[^a-zA-Z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63)
    .replace(/-+$/, '');
  if (cleaned === '') {
    notes.refused(
      path,
      `the service name ${shown(
        service,
      )} has nothing a catalog entity name can use. ${fix}`,
    );
    return undefined;
  }
  notes.changed(
    path,
    `the service ${shown(
      service,
    )} is not a valid catalog entity name; its SLOs go to the entity "${cleaned}".`,
  );
  return cleaned;
}

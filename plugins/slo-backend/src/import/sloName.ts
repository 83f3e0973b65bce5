import type { NoteWriter } from './ImportReport';
import { shown } from './readInput';

const SLO_NAME = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const MAX_SLO_NAME = 63;

/**
 * Text as a name the portal takes for SLOs and objectives: lowercase
 * kebab-case of at most 63 characters (`Good experience` → `good-experience`,
 * `requestsLatency` → `requests-latency`); empty when nothing is left.
 */
export function kebabName(text: string): string {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_SLO_NAME)
    .replace(/-+$/, '');
}

/**
 * The SLO's name in the portal (lowercase kebab-case, at most 63
 * characters): as it is when valid, else rewritten (with a `changed` note).
 * Undefined when nothing is left; the annotation reader then refuses it.
 */
export function sloNameFor(
  name: unknown,
  path: string,
  notes: NoteWriter,
): unknown {
  if (typeof name !== 'string') return name;
  if (SLO_NAME.test(name) && name.length <= MAX_SLO_NAME) return name;
  const kebab = kebabName(name);
  if (kebab === '') return name;
  notes.changed(
    path,
    `the name ${shown(
      name,
    )} is written "${kebab}": SLO names in the portal are lowercase kebab-case of at most ${MAX_SLO_NAME} characters.`,
  );
  return kebab;
}

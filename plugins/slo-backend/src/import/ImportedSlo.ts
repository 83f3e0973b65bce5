import type {
  CompositeSloDefinition,
  SloDefinition,
} from '@slo-kit/plugin-slo-common';
import type { NoteWriter } from './ImportReport';

/**
 * One SLO read from a Sloth, Pyrra or OpenSLO file, written as an item of
 * the `slo-kit.dev/slos` annotation, with where it came from.
 *
 * @internal
 */
export interface ImportedSlo {
  /** The name of the entity (service) the SLO belongs to. */
  entityName: string;
  /** The annotation item: name, description, sli, objective(s), window, labels… */
  item: Record<string, unknown>;
  /** Where the SLO is in its file: notes about it go here. */
  notes: NoteWriter;
  /** Path of the SLO inside its document, e.g. `slos[1]` or `spec`. */
  path: string;
  /** Source path of each annotation key, for problems found when the item is read back. */
  fieldPaths: Partial<Record<string, string>>;
  /** The format it was read from, e.g. `Sloth prometheus/v1`. */
  format: string;
  /** The definition OpenSLO was read into, which keeps what the annotation cannot say (`sourceType`). */
  definition?: SloDefinition;
  /** The OpenSLO composite SLO this SLO is a member of (one per objective), written beside the SLOs. */
  memberOf?: CompositeSloDefinition;
}

/**
 * Options every importer takes.
 *
 * @internal
 */
export interface ImportOptions {
  /** Put every SLO on this entity instead of the service the file names. */
  entityName?: string;
  /** The SLO window of formats that have none in the file (Sloth). */
  slothWindow: string;
}

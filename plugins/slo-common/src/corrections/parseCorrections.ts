import type { ValidationProblem } from '../model/ValidationProblem';
import { childPath, ProblemCollector } from '../parse/ProblemCollector';
import { parseYamlSafely } from '../parse/parseYamlSafely';
import { describeType } from '../util/describeType';
import { readCorrection, type CorrectableSlo } from './readCorrection';
import {
  MAX_CORRECTIONS_PER_ENTITY,
  SLO_CORRECTIONS_ANNOTATION,
  type SloCorrection,
} from './SloCorrection';

/**
 * An entity's corrections and every problem found in them.
 *
 * @public
 */
export interface EntityCorrections {
  corrections: SloCorrection[];
  problems: ValidationProblem[];
}

/**
 * Reads the {@link SLO_CORRECTIONS_ANNOTATION} annotation: a YAML list of
 * corrections with the keys `name`, `category`, `reason`, `start`, `end` or
 * `duration`, and optionally `timeZone`, `rrule`, and `slos` or `labels`.
 * `start` and `end` are ISO 8601 date-times, local to
 * `timeZone` (default UTC) unless they carry an offset. Without `slos` or
 * `labels` a correction applies to every SLO of the entity.
 *
 * Every problem is reported at once (end before start, an unknown SLO, a
 * malformed or unsupported rule, an unknown zone, more than
 * `MAX_CORRECTION_OCCURRENCES` occurrences, and, when `now` is given, a
 * start in the future for a category other than planned maintenance); a
 * correction with a problem is left out and excludes nothing. Never throws.
 *
 * @public
 */
export function parseCorrections(
  text: string | undefined,
  options: { entityRef: string; slos: readonly CorrectableSlo[]; now?: number },
): EntityCorrections {
  const problems = new ProblemCollector(options.entityRef, SLO_CORRECTIONS_ANNOTATION);
  const corrections: SloCorrection[] = [];
  if (text === undefined || text.trim() === '') return { corrections, problems: problems.problems };
  const yaml = parseYamlSafely(text);
  for (const error of yaml.errors) {
    problems.add('', error, { expected: `a YAML list of corrections, written as a block scalar (${SLO_CORRECTIONS_ANNOTATION}: |)` });
  }
  if (yaml.errors.length > 0) return { corrections, problems: problems.problems };
  let items = yaml.documents.length === 1 ? yaml.documents[0] : undefined;
  if (items && typeof items === 'object' && !Array.isArray(items)) items = [items];
  if (!Array.isArray(items)) {
    problems.add('', `The annotation must hold one YAML list of corrections, not ${yaml.documents.length === 1 ? describeType(items) : `${yaml.documents.length} documents`}.`, {
      expected: 'a list: "- name: db-upgrade ..." (use a block scalar)',
    });
    return { corrections, problems: problems.problems };
  }
  if (items.length > MAX_CORRECTIONS_PER_ENTITY) {
    problems.add(childPath('', MAX_CORRECTIONS_PER_ENTITY), `The entity declares ${items.length} corrections; at most ${MAX_CORRECTIONS_PER_ENTITY} are read, so this one and the ones after it are left out. Use a recurrence rule for repeated windows.`, {
      found: `${items.length} corrections`,
      expected: `at most ${MAX_CORRECTIONS_PER_ENTITY} corrections per entity`,
    });
  }
  const seen = new Set<string>();
  items.slice(0, MAX_CORRECTIONS_PER_ENTITY).forEach((item, index) => {
    const path = childPath('', index);
    const correction = readCorrection(item, path, problems, {
      entityRef: options.entityRef,
      slos: options.slos,
      now: options.now,
      origin: { kind: 'annotation', annotation: SLO_CORRECTIONS_ANNOTATION },
    });
    if (!correction) return;
    if (seen.has(correction.name)) {
      problems.add(childPath(path, 'name'), `Two corrections are named "${correction.name}"; give each its own name.`, { found: correction.name });
      return;
    }
    seen.add(correction.name);
    corrections.push(correction);
  });
  return { corrections, problems: problems.problems };
}

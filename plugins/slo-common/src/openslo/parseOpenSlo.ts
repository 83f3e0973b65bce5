import { normalizeEntityRef } from '../math/sloId';
import { SLO_OPENSLO_ANNOTATION } from '../model/annotations';
import type { CompositeSloDefinition } from '../composites/CompositeSlo';
import type { SloDefinition } from '../model/SloDefinition';
import type { ValidationProblem } from '../model/ValidationProblem';
import { ProblemCollector } from '../parse/ProblemCollector';
import { OpenSloDocument, OpenSloProblems, readOpenSloFile } from './openSloDocuments';
import { OpenSloMapper } from './OpenSloMapper';
import { applyBudgetAdjustments } from './readBudgetAdjustments';

export { readOpenSloFile };
export type { OpenSloDocument };

/**
 * Options of {@link parseOpenSlo}.
 *
 * @public
 */
export interface ParseOpenSloOptions {
  entityRef: string;
  /** Where the content was read from, shown in problems. */
  location: string;
  /** Source instances configured in app-config; DataSource names are checked against them. */
  knownSources?: readonly string[];
  /** Now, epoch seconds: BudgetAdjustments of bad data may not start after it (see `parseCorrections`). */
  now?: number;
}

/**
 * SLOs read from OpenSLO, plus problems.
 *
 * @public
 */
export interface ParsedSlos {
  /** The SLOs, the members of `composites` among them. */
  slos: SloDefinition[];
  /** OpenSLO composite SLOs, read as `weighted` composites of SLOs in `slos`. */
  composites: CompositeSloDefinition[];
  problems: ValidationProblem[];
}

/**
 * Maps OpenSLO documents (from one or several files) to SLO definitions and
 * composites. SLOs may reference SLIs in any of the files; names must be
 * unique.
 */
export function mapOpenSloDocuments(
  documents: OpenSloDocument[],
  problems: ProblemCollector,
  options: { entityRef: string; knownSources?: readonly string[]; now?: number },
): { slos: SloDefinition[]; composites: CompositeSloDefinition[] } {
  const openSloProblems = new OpenSloProblems(problems);
  const entityRef = normalizeEntityRef(options.entityRef);
  const mapper = new OpenSloMapper(openSloProblems, entityRef, options.knownSources);
  const read = mapper.index(documents).map(document => ({
    name: String((document.value.metadata as Record<string, unknown>).name),
    definitions: mapper.read(document),
  }));
  const slos = applyBudgetAdjustments(mapper.adjustments, read, openSloProblems, { entityRef, now: options.now });
  return { slos, composites: mapper.composites };
}

/**
 * Reads OpenSLO YAML (`openslo/v1`, `openslo/v1alpha` and
 * `openslo.com/v2alpha`; several documents or a list of them) into SLO
 * definitions. Every field's type is checked first against the spec's
 * section for it (a document with a wrong type is reported and not read).
 * SLOs reference an SLI by `indicatorRef` (v2alpha `sliRef`) or inline it as
 * `indicator` (`sli`); `ratioMetric` (good or bad over total) and
 * `thresholdMetric` map to ratio, latency and time-slice SLIs; a
 * DataSource's name (`metricSourceRef`, v2alpha `dataSourceRef`) becomes the
 * SLO's `source` and `metricSource.type` (v2alpha `dataSourceSpec.type`, or
 * the DataSource's type) its `sourceType`. BudgetAdjustments become corrections of
 * the SLOs they match (`applyBudgetAdjustments`). Composite SLOs (objectives
 * with their own indicator or a `compositeWeight`) become `weighted`
 * composites whose members, one per objective, are among the SLOs; what the
 * engine cannot compute of them (Timeslices composites) is refused.
 * Objectives with different thresholds become separate SLOs named
 * `<slo>-<objective>`. Burn-rate AlertConditions of the SLO's alertPolicies
 * are compared with the portal's multi-window rules: what they cannot carry
 * is reported without leaving the SLO out. Never throws.
 *
 * @public
 */
export function parseOpenSlo(content: string, options: ParseOpenSloOptions): ParsedSlos {
  const entityRef = normalizeEntityRef(options.entityRef);
  const problems = new ProblemCollector(entityRef, SLO_OPENSLO_ANNOTATION);
  const documents = readOpenSloFile(content, options.location, problems);
  const { slos, composites } = mapOpenSloDocuments(documents, problems, { entityRef, knownSources: options.knownSources, now: options.now });
  return { slos, composites, problems: problems.problems };
}

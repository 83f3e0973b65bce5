import { didYouMean } from '../util/didYouMean';
import { isRecord, OpenSloDocument, OpenSloProblems } from './openSloDocuments';

/** An SLI's spec and where it was written. */
export interface FoundIndicator {
  spec: Record<string, unknown>;
  /** Path of the spec inside `document`. */
  path: string;
  document: OpenSloDocument;
}

/** The SLI an SLO uses: inline (`indicator`), by reference (`indicatorRef`), or v1alpha's per-objective metrics. */
export function findIndicator(
  problems: OpenSloProblems,
  slis: ReadonlyMap<string, { document: OpenSloDocument; spec: unknown }>,
  document: OpenSloDocument,
  spec: Record<string, unknown>,
  sloName: string,
): FoundIndicator | undefined {
  if (isRecord(spec.indicator)) {
    const indicatorSpec = spec.indicator.spec ?? spec.indicator; // v1alpha puts thresholdMetric directly
    if (isRecord(indicatorSpec)) return { spec: indicatorSpec, path: 'spec.indicator.spec', document };
  }
  if (typeof spec.indicatorRef === 'string') {
    const sli = slis.get(spec.indicatorRef);
    if (sli && isRecord(sli.spec)) return { spec: sli.spec, path: 'spec', document: sli.document };
    problems.report(document, 'spec.indicatorRef', `no SLI named "${spec.indicatorRef}" was found.`, {
      found: spec.indicatorRef,
      expected: slis.size > 0 ? `one of ${[...slis.keys()].join(', ')}` : 'an SLI document in the same files',
      didYouMean: didYouMean(spec.indicatorRef, [...slis.keys()]),
    }, sloName);
    return undefined;
  }
  // v1alpha may keep the metrics on each objective (ratioMetrics) instead.
  if (Array.isArray(spec.objectives) && spec.objectives.length > 0 && spec.objectives.every(o => isRecord(o) && isRecord(o.ratioMetrics))) {
    return { spec: {}, path: 'spec', document };
  }
  problems.report(document, 'spec', 'the SLO has neither an inline "indicator" nor an "indicatorRef".', {
    expected: 'indicatorRef: my-sli, or indicator: {metadata: {name}, spec: {ratioMetric: ...}}',
  }, sloName);
  return undefined;
}

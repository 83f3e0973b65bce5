import { didYouMean } from '../util/didYouMean';
import { isRecord, OpenSloDocument, OpenSloProblems } from './openSloDocuments';
import type { VersionFields } from './openSloVersions';

/** An SLI document by name; `broken` when its types are wrong and it was reported already. */
export interface IndexedSli {
  document: OpenSloDocument;
  spec: unknown;
  broken?: boolean;
}

/** An SLI's spec and where it was written. */
export interface FoundIndicator {
  spec: Record<string, unknown>;
  /** Path of the spec inside `document`. */
  path: string;
  document: OpenSloDocument;
}

/**
 * The SLI an SLO uses: inline (v1 `indicator`, v2alpha `sli`), by reference
 * (v1 `indicatorRef`, v2alpha `sliRef`), or v1alpha's per-objective metrics.
 * `at` is where `spec` sits in the document (a composite's objective, for
 * its member SLOs), for the paths of problems.
 */
export function findIndicator(
  problems: OpenSloProblems,
  slis: ReadonlyMap<string, IndexedSli>,
  document: OpenSloDocument,
  spec: Record<string, unknown>,
  sloName: string,
  fields: VersionFields,
  at = 'spec',
): FoundIndicator | undefined {
  const { indicator: inlineKey, indicatorRef: refKey } = fields;
  const inline = spec[inlineKey];
  if (isRecord(inline)) {
    const indicatorSpec = inline.spec ?? inline; // v1alpha puts thresholdMetric directly
    if (isRecord(indicatorSpec)) return { spec: indicatorSpec, path: `${at}.${inlineKey}.spec`, document };
  }
  const ref = spec[refKey];
  if (typeof ref === 'string') {
    const sli = slis.get(ref);
    if (sli && isRecord(sli.spec)) return { spec: sli.spec, path: 'spec', document: sli.document };
    if (sli?.broken) {
      problems.report(document, `${at}.${refKey}`, `the SLI "${ref}" (${sli.document.location}, document ${sli.document.index + 1}) has fields of the wrong type, reported there; the SLO is read once they are fixed.`, {
        found: ref,
      }, sloName);
      return undefined;
    }
    problems.report(document, `${at}.${refKey}`, `no SLI named "${ref}" was found.`, {
      found: ref,
      expected: slis.size > 0 ? `one of ${[...slis.keys()].join(', ')}` : 'an SLI document in the same files',
      didYouMean: didYouMean(ref, [...slis.keys()]),
    }, sloName);
    return undefined;
  }
  // v1alpha may keep the metrics on each objective (ratioMetrics) instead.
  if (Array.isArray(spec.objectives) && spec.objectives.length > 0 && spec.objectives.every(o => isRecord(o) && isRecord(o.ratioMetrics))) {
    return { spec: {}, path: 'spec', document };
  }
  // The other version's spelling: v2alpha renamed indicator to sli.
  const misplaced = ['indicator', 'indicatorRef', 'sli', 'sliRef'].find(key => spec[key] !== undefined);
  if (misplaced) {
    const right = misplaced.endsWith('Ref') ? refKey : inlineKey;
    problems.report(document, `${at}.${misplaced}`, `this apiVersion calls the SLO's indicator "${inlineKey}" (inline) or "${refKey}" (by name), not "${misplaced}".`, {
      found: misplaced,
      didYouMean: right,
    }, sloName);
    return undefined;
  }
  problems.report(document, at, `the ${at === 'spec' ? 'SLO' : 'objective'} has neither an inline "${inlineKey}" nor an "${refKey}".`, {
    expected: `${refKey}: my-sli, or ${inlineKey}: {metadata: {name}, spec: {ratioMetric: ...}}`,
  }, sloName);
  return undefined;
}

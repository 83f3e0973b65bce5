import { didYouMean } from '../util/didYouMean';

/** OpenSLO v1, the version the export writes by default. */
export const OPENSLO_V1 = 'openslo/v1';
/** The first public draft, still read. */
export const OPENSLO_V1ALPHA = 'openslo/v1alpha';
/** The next version (the spec's `enhancements/v2alpha.md`), read and written on request. */
export const OPENSLO_V2ALPHA = 'openslo.com/v2alpha';

/** OpenSLO versions read. */
export const API_VERSIONS: readonly string[] = [OPENSLO_V1, OPENSLO_V1ALPHA, OPENSLO_V2ALPHA];

/** Kinds of OpenSLO v1 (and v1alpha). */
const V1_KINDS = ['SLO', 'SLI', 'DataSource', 'Service', 'AlertPolicy', 'AlertCondition', 'AlertNotificationTarget'];

/** The kinds each version defines. */
export function kindsOf(apiVersion: string): readonly string[] {
  return apiVersion === OPENSLO_V2ALPHA ? [...V1_KINDS, 'BudgetAdjustment'] : V1_KINDS;
}

/** Every kind of any version read, for near-miss suggestions. */
export const ALL_KINDS: readonly string[] = kindsOf(OPENSLO_V2ALPHA);

/** The field names that differ between versions: v2alpha renamed the indicator and the data source reference. */
export interface VersionFields {
  indicator: 'indicator' | 'sli';
  indicatorRef: 'indicatorRef' | 'sliRef';
  sourceRef: 'metricSourceRef' | 'dataSourceRef';
}

/** The field names of one version. */
export function fieldsOf(apiVersion: string): VersionFields {
  return apiVersion === OPENSLO_V2ALPHA
    ? { indicator: 'sli', indicatorRef: 'sliRef', sourceRef: 'dataSourceRef' }
    : { indicator: 'indicator', indicatorRef: 'indicatorRef', sourceRef: 'metricSourceRef' };
}

/** `openslo/v2`, `openslo.com/v1beta1`: the shape of an OpenSLO version, newer or older than those read. */
const VERSION_SHAPE = /^openslo(?:\.com)?\/(v\d+(?:(?:alpha|beta)\d*)?)$/;

/**
 * Why an apiVersion is not read, and a suggestion only for a real near-miss:
 * a version of OpenSLO's shape that is not read is "not supported yet" (no
 * suggestion, unless only its prefix is off, as in `openslo/v2alpha`); other
 * text gets the closest read version when it is a likely typo.
 */
export function apiVersionProblem(apiVersion: unknown): { message: string; didYouMean?: string } {
  const supported = `supported: ${API_VERSIONS.join(', ')}`;
  if (typeof apiVersion !== 'string') {
    return { message: `apiVersion ${JSON.stringify(apiVersion ?? null)} is not an OpenSLO version (${supported}).` };
  }
  const shape = VERSION_SHAPE.exec(apiVersion.trim());
  if (shape) {
    const sameVersion = API_VERSIONS.find(version => version.endsWith(`/${shape[1]}`));
    if (sameVersion) {
      return { message: `apiVersion "${apiVersion}" is spelled "${sameVersion}".`, didYouMean: sameVersion };
    }
    return { message: `apiVersion "${apiVersion}" is not supported yet; ${supported}.` };
  }
  return {
    message: `apiVersion "${apiVersion}" is not an OpenSLO version (${supported}).`,
    didYouMean: didYouMean(apiVersion, API_VERSIONS),
  };
}

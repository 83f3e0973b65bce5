import { didYouMean } from '@slo-kit/plugin-slo-common';
import { isRecord, shown } from './readInput';

/** What an input document is. */
export type DocumentKind =
  | { kind: 'sloth'; style: 'prometheus/v1' | 'PrometheusServiceLevel' }
  | { kind: 'pyrra' }
  | { kind: 'openslo' }
  | { kind: 'unknown'; path: string; message: string };

const EXPECTED =
  'Expected a Sloth spec (version: prometheus/v1, or apiVersion: sloth.slok.dev/v1 with kind: PrometheusServiceLevel), a Pyrra SLO (apiVersion: pyrra.dev/v1alpha1, kind: ServiceLevelObjective) or an OpenSLO document (apiVersion: openslo/v1, openslo/v1alpha or openslo.com/v2alpha).';
const API_VERSIONS = [
  'sloth.slok.dev/v1',
  'pyrra.dev/v1alpha1',
  'openslo/v1',
  'openslo/v1alpha',
  'openslo.com/v2alpha',
];

function hint(found: string, candidates: string[]): string {
  const suggestion = didYouMean(found, candidates);
  return suggestion ? ` Did you mean "${suggestion}"?` : '';
}

/** Tells Sloth, Pyrra and OpenSLO documents apart by their version fields. */
export function classifyDocument(value: unknown): DocumentKind {
  if (!isRecord(value)) {
    return {
      kind: 'unknown',
      path: '',
      message: `the document is ${shown(value)}, not a mapping. ${EXPECTED}`,
    };
  }
  if (value.version !== undefined) {
    if (value.version === 'prometheus/v1')
      return { kind: 'sloth', style: 'prometheus/v1' };
    return {
      kind: 'unknown',
      path: 'version',
      message: `version ${shown(
        value.version,
      )} is not a Sloth spec version: Sloth service level files say version: "prometheus/v1".${hint(
        String(value.version),
        ['prometheus/v1'],
      )}`,
    };
  }
  const apiVersion = value.apiVersion;
  if (typeof apiVersion !== 'string') {
    return {
      kind: 'unknown',
      path: '',
      message: `the document has no version or apiVersion. ${EXPECTED}`,
    };
  }
  if (apiVersion.startsWith('openslo')) return { kind: 'openslo' };
  if (apiVersion === 'sloth.slok.dev/v1') {
    if (value.kind === 'PrometheusServiceLevel')
      return { kind: 'sloth', style: 'PrometheusServiceLevel' };
    return {
      kind: 'unknown',
      path: 'kind',
      message: `kind ${shown(
        value.kind,
      )} of sloth.slok.dev/v1 is not read: only PrometheusServiceLevel holds SLOs.${hint(
        String(value.kind),
        ['PrometheusServiceLevel'],
      )}`,
    };
  }
  if (apiVersion === 'pyrra.dev/v1alpha1') {
    if (value.kind === 'ServiceLevelObjective') return { kind: 'pyrra' };
    return {
      kind: 'unknown',
      path: 'kind',
      message: `kind ${shown(
        value.kind,
      )} of pyrra.dev/v1alpha1 is not read: only ServiceLevelObjective holds an SLO.${hint(
        String(value.kind),
        ['ServiceLevelObjective'],
      )}`,
    };
  }
  if (apiVersion.startsWith('backstage.io/')) {
    return {
      kind: 'unknown',
      path: 'apiVersion',
      message:
        "this is a catalog entity, already in the portal's format: check its SLOs with `yarn slo validate`.",
    };
  }
  return {
    kind: 'unknown',
    path: 'apiVersion',
    message: `apiVersion ${shown(
      apiVersion,
    )} is not read here. ${EXPECTED}${hint(apiVersion, API_VERSIONS)}`,
  };
}

/** OpenSLO `type` values (lower case, without spaces or dashes) and the source type that answers them. */
const SOURCE_TYPES: Record<string, string> = {
  prometheus: 'prometheus',
  thanos: 'prometheus',
  mimir: 'prometheus',
  cortex: 'prometheus',
  victoriametrics: 'prometheus',
  datadog: 'datadog',
};

/** How the export spells each source type as an OpenSLO `type`. */
const OPENSLO_TYPES: Record<string, string> = { prometheus: 'Prometheus', datadog: 'Datadog' };

/** The OpenSLO types read, as the spec spells them, for messages. */
export const READ_OPENSLO_TYPES = 'Prometheus (or the Prometheus-compatible Thanos, Mimir, Cortex, VictoriaMetrics) and Datadog';

/** The source type (`prometheus`, `datadog`) an OpenSLO `metricSource.type` or DataSource `type` is answered by. */
export function sourceTypeOf(openSloType: string): string | undefined {
  return SOURCE_TYPES[openSloType.toLowerCase().replace(/[\s_-]/g, '')];
}

/** The OpenSLO `type` of a source type: `Prometheus` for `prometheus`. */
export function openSloTypeOf(sourceType: string): string {
  return OPENSLO_TYPES[sourceType] ?? sourceType;
}

/** Every spelling read, for near-miss suggestions. */
export const OPENSLO_TYPE_NAMES: readonly string[] = ['Prometheus', 'Thanos', 'Mimir', 'Cortex', 'VictoriaMetrics', 'Datadog'];

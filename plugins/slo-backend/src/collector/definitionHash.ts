import type { SloDefinition } from '@slo-kit/plugin-slo-common';
import { createHash } from 'node:crypto';

/** Code-point order: stable across locales, unlike localeCompare. */
function compareKeys(a: string, b: string): number {
  if (a === b) {
    return 0;
  }
  return a < b ? -1 : 1;
}

/** JSON with object keys sorted, so equal values hash equally whatever the key order. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map(stableJson).join(',')}]`;
  }
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => compareKeys(a, b));
    return `{${entries
      .map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * Hash of what decides an SLO's stored counts: the SLI, the source and the
 * bucket length. Objectives, windows and descriptions are evaluated from the
 * same counts, so changing them does not re-collect.
 *
 * @internal
 */
export function definitionHash(
  definition: Pick<SloDefinition, 'sli'>,
  sourceName: string,
  bucketSeconds: number,
): string {
  return createHash('sha256')
    .update(
      stableJson({ sli: definition.sli, source: sourceName, bucketSeconds }),
    )
    .digest('hex');
}

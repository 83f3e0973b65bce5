import type { SloDefinition, SloStatus } from '@slo-kit/plugin-slo-common';
import { deserialize, serialize } from 'node:v8';

/**
 * A status as the evaluator keeps it between requests: its figures in V8's
 * structured-clone encoding, without the definition (which the request
 * brings, and which is part of the cache version, so it is the same one).
 *
 * Why: every SLO's status stays cached between cycles (the entity lists, the
 * composites and the budget-exhaustion recorder read them), and as objects a
 * status held about 9 KB of heap (burn rates and alerts per objective, each
 * number boxed); encoded it is about 2 KB, outside the V8 heap. The encoding
 * keeps every value exactly (doubles, `undefined`, key order), so a request
 * gets the same figures it would get from the objects.
 *
 * @internal
 */
export type PackedStatus = Buffer;

/** Encodes a status without its definition. */
export function packStatus(status: SloStatus): PackedStatus {
  const { definition: _definition, ...figures } = status;
  return serialize(figures);
}

/** The status `packStatus` encoded, with `definition` back in its place. */
export function unpackStatus(
  packed: PackedStatus,
  definition: SloDefinition,
): SloStatus {
  return {
    definition,
    ...(deserialize(packed) as Omit<SloStatus, 'definition'>),
  };
}

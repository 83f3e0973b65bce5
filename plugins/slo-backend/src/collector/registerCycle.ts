import type { SloDefinition } from '@slo-kit/plugin-slo-common';
import type { RegistrationResult, SloRegistration } from '../database/SloStore';
import { errorMessage, type CollectorContext } from './CollectorContext';
import { definitionHash } from './definitionHash';

/**
 * What the registry records of an SLO: its names, its source (the resolved
 * one's, or the name it asks for when that does not resolve) and the hash of
 * what it measures.
 *
 * @internal
 */
export function registrationOf(
  ctx: CollectorContext,
  definition: SloDefinition,
): SloRegistration {
  const resolution = ctx.options.sources.resolve(definition);
  const sourceName = resolution.ok
    ? resolution.source.name
    : resolution.sourceName;
  return {
    sloId: definition.id,
    entityRef: definition.entityRef,
    name: definition.name,
    source: sourceName,
    definitionHash: definitionHash(
      definition,
      sourceName,
      ctx.ranges.bucketSizesOf(definition).storage,
    ),
    definition,
  };
}

/**
 * Registers every SLO of the cycle at once, before any is collected (so the
 * states read next already lack those a changed definition dropped).
 * Undefined when the registry could not be read: then each SLO registers
 * itself as it is collected, and its failure is its own.
 *
 * @internal
 */
export async function registerCycle(
  ctx: CollectorContext,
  definitions: readonly SloDefinition[],
  now: number,
): Promise<ReadonlyMap<string, RegistrationResult> | undefined> {
  const { store, logger } = ctx.options;
  let results: Map<string, RegistrationResult>;
  try {
    results = await store.registerSlos(
      definitions.map(definition => registrationOf(ctx, definition)),
      now * 1000,
    );
  } catch (error) {
    logger.warn(
      `Could not read the SLO registry; registering each SLO alone this cycle: ${errorMessage(
        error,
      )}`,
    );
    return undefined;
  }
  for (const [sloId, result] of results) {
    if ('recollect' in result && result.recollect) {
      logger.info(
        `SLO ${sloId} changed what it measures; collecting its history again`,
      );
    }
  }
  return results;
}

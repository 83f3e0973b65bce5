import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import {
  hasSloAnnotations,
  normalizeEntityRef,
} from '@slo-kit/plugin-slo-common';
import type { SuggestionStore } from '../suggestions/SuggestionStore';
import { ownerRefsOf } from './buildScorecard';
import type { CallerCatalogReads } from './CallerCatalogReads';

/**
 * A service without SLOs, as the scorecard counts it.
 *
 * @internal
 */
export type ServiceWithoutSlos = {
  ownerRefs: string[];
  hasSuggestion: boolean;
};

/**
 * What decides the caller's services without SLOs: their components and
 * the stored suggestions' fingerprint; undefined when there is no
 * suggestion store. The services themselves (`services`) are read and
 * mapped only when a scorecard is computed, not for each request that
 * reuses a serialized one: at 10,000 components that was a read of every
 * suggested ref and a pass over every component per request.
 *
 * @internal
 */
export async function withoutSlosInputs(
  catalog: CallerCatalogReads,
  suggestions: SuggestionStore | undefined,
  credentials: BackstageCredentials,
): Promise<
  | {
      /** Changes when the caller's components or the stored suggestions do. */
      inputs: [Entity[], string];
      services: () => Promise<ServiceWithoutSlos[]>;
    }
  | undefined
> {
  if (!suggestions) return undefined;
  const [components, fingerprint] = await Promise.all([
    catalog.visibleComponents(credentials),
    suggestions.fingerprint(),
  ]);
  return {
    inputs: [components, fingerprint],
    services: async () => {
      const withSuggestion = await suggestions.refsWithSuggestions();
      return components
        .filter(entity => !hasSloAnnotations(entity))
        .map(entity => ({
          ownerRefs: ownerRefsOf(entity),
          hasSuggestion: withSuggestion.has(
            normalizeEntityRef(stringifyEntityRef(entity)),
          ),
        }));
    },
  };
}

import { createApiRef } from '@backstage/frontend-plugin-api';
import type {
  EntityCompositesResponse,
  EntitySlosResponse,
  EntitySuggestionsResponse,
  ScorecardResponse,
  SloHistoryResponse,
  SloSeriesResponse,
} from '@slo-kit/plugin-slo-common';

/**
 * Asks for one SLO's time series between two instants.
 *
 * @public
 */
export interface SloSeriesRequest {
  /** The owning entity, e.g. `component:default/checkout`. */
  entityRef: string;
  /** The SLO's name inside that entity. */
  name: string;
  /** Range start, epoch seconds. */
  from: number;
  /** Range end, epoch seconds. */
  to: number;
}

/**
 * Asks for one SLO's attainment per calendar period.
 *
 * @public
 */
export interface SloHistoryRequest {
  entityRef: string;
  name: string;
  period: 'week' | 'month';
  /** How many periods, the current one included. */
  count: number;
}

/**
 * Reads SLOs, their series and history, and the team scorecard from the SLO backend.
 *
 * @public
 */
export interface SloApi {
  /** Every SLO of one entity with its evaluation, plus validation problems of its annotations. */
  getEntitySlos(entityRef: string): Promise<EntitySlosResponse>;
  /** One SLO's series, downsampled by the backend. */
  getSeries(request: SloSeriesRequest): Promise<SloSeriesResponse>;
  /** One SLO's attainment per week or month. */
  getHistory(request: SloHistoryRequest): Promise<SloHistoryResponse>;
  /** The whole organisation, or one group with its sub-groups when `group` is set. */
  getScorecard(options?: { group?: string }): Promise<ScorecardResponse>;
  /** Prometheus alerting rules for one entity's SLOs, as YAML text. */
  getRules(entityRef: string): Promise<string>;
  /**
   * Suggested SLOs for an entity that declares none, as the backend's
   * suggestion job stored them. Optional: without it the SLO tab shows none.
   */
  getEntitySuggestions?(entityRef: string): Promise<EntitySuggestionsResponse>;
  /**
   * The composite SLOs an entity declares (`slo-kit.dev/composite-slos`),
   * with their members' contributions. Optional: without it the SLO tab
   * shows no composites.
   */
  getEntityComposites?(entityRef: string): Promise<EntityCompositesResponse>;
  /** One composite's series (`name` is the composite's), from its members' pooled events. */
  getCompositeSeries?(request: SloSeriesRequest): Promise<SloSeriesResponse>;
  /** One composite's attainment per week or month. */
  getCompositeHistory?(request: SloHistoryRequest): Promise<SloHistoryResponse>;
}

/**
 * The {@link SloApi} reference.
 *
 * @public
 */
export const sloApiRef = createApiRef<SloApi>().with({
  id: 'plugin.slo.api',
  pluginId: 'slo',
});

import { parseEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import type { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import type {
  EntityCompositesResponse,
  EntitySlosResponse,
  EntitySuggestionsResponse,
  ScorecardResponse,
  SloHistoryResponse,
  SloSeriesResponse,
} from '@slo-kit/plugin-slo-common';
import type { SloApi, SloHistoryRequest, SloSeriesRequest } from './SloApi';

/**
 * {@link SloApi} over HTTP against the `slo` backend plugin.
 *
 * @public
 */
export class SloClient implements SloApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  async getEntitySlos(entityRef: string): Promise<EntitySlosResponse> {
    return this.getJson(`${entityPath(entityRef)}/slos`);
  }

  async getEntitySuggestions(
    entityRef: string,
  ): Promise<EntitySuggestionsResponse> {
    return this.getJson(`${entityPath(entityRef)}/suggestions`);
  }

  async getEntityComposites(
    entityRef: string,
  ): Promise<EntityCompositesResponse> {
    return this.getJson(`${entityPath(entityRef)}/composites`);
  }

  async getSeries(request: SloSeriesRequest): Promise<SloSeriesResponse> {
    return this.getJson(`/slos/series?${seriesQuery(request)}`);
  }

  async getCompositeSeries(
    request: SloSeriesRequest,
  ): Promise<SloSeriesResponse> {
    return this.getJson(`/composites/series?${seriesQuery(request)}`);
  }

  async getHistory(request: SloHistoryRequest): Promise<SloHistoryResponse> {
    return this.getJson(`/slos/history?${historyQuery(request)}`);
  }

  async getCompositeHistory(
    request: SloHistoryRequest,
  ): Promise<SloHistoryResponse> {
    return this.getJson(`/composites/history?${historyQuery(request)}`);
  }

  async getScorecard(options?: { group?: string }): Promise<ScorecardResponse> {
    const query = options?.group
      ? `?${new URLSearchParams({ group: options.group })}`
      : '';
    return this.getJson(`/scorecard${query}`);
  }

  async getRules(entityRef: string): Promise<string> {
    const query = new URLSearchParams({ entityRef });
    const response = await this.fetch(`/rules?${query}`);
    return response.text();
  }

  private async getJson<T>(path: string): Promise<T> {
    const response = await this.fetch(path);
    return (await response.json()) as T;
  }

  private async fetch(path: string): Promise<Response> {
    const baseUrl = await this.discoveryApi.getBaseUrl('slo');
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`);
    if (!response.ok) {
      // Carries the backend's JSON error (message, name, status) to the UI.
      throw await ResponseError.fromResponse(response);
    }
    return response;
  }
}

/** `/entities/:kind/:namespace/:name`, each part encoded; kinds are lower case like in entity refs. */
function entityPath(entityRef: string): string {
  const ref = parseEntityRef(entityRef);
  return `/entities/${[ref.kind.toLocaleLowerCase('en-US'), ref.namespace, ref.name]
    .map(encodeURIComponent)
    .join('/')}`;
}

function seriesQuery(request: SloSeriesRequest): URLSearchParams {
  return new URLSearchParams({
    entityRef: request.entityRef,
    name: request.name,
    from: String(Math.floor(request.from)),
    to: String(Math.floor(request.to)),
  });
}

function historyQuery(request: SloHistoryRequest): URLSearchParams {
  return new URLSearchParams({
    entityRef: request.entityRef,
    name: request.name,
    period: request.period,
    count: String(request.count),
  });
}

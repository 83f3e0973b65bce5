import type {
  EntityCompositesResponse,
  EntitySlosResponse,
  EntitySuggestionsResponse,
  ScorecardResponse,
  SloHistoryResponse,
  SloSeriesResponse,
} from '@slo-kit/plugin-slo-common';
import type { SloApi, SloHistoryRequest, SloSeriesRequest } from '../api';
import {
  breachingSlo,
  entityCompositesResponse,
  entitySlosResponse,
  healthySlo,
  makeHistory,
  makeSeries,
  scorecardResponse,
} from './fixtures';

/**
 * An in-memory {@link SloApi} answering with fixtures. Each answer can be
 * replaced, including by a rejected promise, and every call is recorded.
 */
export class FakeSloApi implements SloApi {
  readonly calls: Array<{ method: keyof SloApi; args: unknown[] }> = [];

  entitySlos: (entityRef: string) => Promise<EntitySlosResponse> = async () =>
    entitySlosResponse([breachingSlo, healthySlo]);
  series: (request: SloSeriesRequest) => Promise<SloSeriesResponse> = async request =>
    makeSeries({ name: request.name, from: request.from, to: request.to });
  history: (request: SloHistoryRequest) => Promise<SloHistoryResponse> = async request =>
    makeHistory(request.name, request.period);
  scorecard: (options?: { group?: string }) => Promise<ScorecardResponse> = async options =>
    scorecardResponse(options?.group);
  rules: (entityRef: string) => Promise<string> = async () => 'groups: []\n';
  suggestions: (entityRef: string) => Promise<EntitySuggestionsResponse> = async entityRef => ({
    entityRef,
    suggestions: [],
    annotation: null,
    checkedAt: null,
  });

  composites: (entityRef: string) => Promise<EntityCompositesResponse> = async () =>
    entityCompositesResponse();
  compositeSeries: (request: SloSeriesRequest) => Promise<SloSeriesResponse> = async request =>
    makeSeries({ name: request.name, from: request.from, to: request.to });
  compositeHistory: (request: SloHistoryRequest) => Promise<SloHistoryResponse> = async request =>
    makeHistory(request.name, request.period);

  getEntitySlos(entityRef: string) {
    this.calls.push({ method: 'getEntitySlos', args: [entityRef] });
    return this.entitySlos(entityRef);
  }

  getSeries(request: SloSeriesRequest) {
    this.calls.push({ method: 'getSeries', args: [request] });
    return this.series(request);
  }

  getHistory(request: SloHistoryRequest) {
    this.calls.push({ method: 'getHistory', args: [request] });
    return this.history(request);
  }

  getScorecard(options?: { group?: string }) {
    this.calls.push({ method: 'getScorecard', args: [options] });
    return this.scorecard(options);
  }

  getEntitySuggestions(entityRef: string) {
    this.calls.push({ method: 'getEntitySuggestions', args: [entityRef] });
    return this.suggestions(entityRef);
  }

  getEntityComposites(entityRef: string) {
    this.calls.push({ method: 'getEntityComposites', args: [entityRef] });
    return this.composites(entityRef);
  }

  getCompositeSeries(request: SloSeriesRequest) {
    this.calls.push({ method: 'getCompositeSeries', args: [request] });
    return this.compositeSeries(request);
  }

  getCompositeHistory(request: SloHistoryRequest) {
    this.calls.push({ method: 'getCompositeHistory', args: [request] });
    return this.compositeHistory(request);
  }

  getRules(entityRef: string) {
    this.calls.push({ method: 'getRules', args: [entityRef] });
    return this.rules(entityRef);
  }
}

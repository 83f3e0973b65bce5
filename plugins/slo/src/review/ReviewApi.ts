import type { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import { createApiRef } from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import type {
  ReliabilityReviewResponse,
  ReviewPeriodUnit,
} from '@slo-kit/plugin-slo-common';

/**
 * What the review page asks for.
 *
 * @public
 */
export interface ReviewRequest {
  /** A Group entity ref; the organisation without it. */
  group?: string;
  period: ReviewPeriodUnit;
  count: number;
  timeZone?: string;
}

/**
 * The reliability review API (`GET /api/slo/review`).
 *
 * @public
 */
export interface ReviewApi {
  getReview(request: ReviewRequest): Promise<ReliabilityReviewResponse>;
}

/**
 * Reference of the {@link ReviewApi}.
 *
 * @public
 */
export const reviewApiRef = createApiRef<ReviewApi>().with({
  id: 'plugin.slo.review',
  pluginId: 'slo',
});

/**
 * {@link ReviewApi} over HTTP, with the portal's discovery and fetch APIs.
 *
 * @public
 */
export class ReviewClient implements ReviewApi {
  constructor(
    private readonly options: {
      discoveryApi: DiscoveryApi;
      fetchApi: FetchApi;
    },
  ) {}

  async getReview(request: ReviewRequest): Promise<ReliabilityReviewResponse> {
    const query = new URLSearchParams({
      period: request.period,
      count: String(request.count),
    });
    if (request.group) query.set('group', request.group);
    if (request.timeZone) query.set('timeZone', request.timeZone);
    const baseUrl = await this.options.discoveryApi.getBaseUrl('slo');
    const response = await this.options.fetchApi.fetch(
      `${baseUrl}/review?${query}`,
    );
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as ReliabilityReviewResponse;
  }
}

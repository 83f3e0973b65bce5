import { scorecardResponse } from '../testing';
import { summariseOrg } from './orgSummary';

describe('summariseOrg', () => {
  it('counts services, SLOs, meeting and paging', () => {
    const summary = summariseOrg(scorecardResponse());
    expect(summary).toMatchObject({
      services: 3,
      slos: 5,
      meeting: 3,
      paging: 1,
      demo: true,
    });
    expect(summary.meetingShare).toBeCloseTo(0.6);
  });

  it('names the worst team that owns SLOs, not the roll-up at the top', () => {
    expect(summariseOrg(scorecardResponse()).worstGroup?.title).toBe('Search');
  });

  it('compares with the previous period where rows have one', () => {
    // Rows with history: checkout-availability (met before, breaching now),
    // checkout-latency and query-availability (met both times): 2/3 now vs 3/3 before.
    expect(summariseOrg(scorecardResponse()).trendPoints).toBe(-33);
  });
});

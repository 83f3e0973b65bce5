import { scorecardResponse } from '../testing';
import { summariseOrg } from './orgSummary';

describe('summariseOrg', () => {
  it("shows the backend's figures as they are, not a second computation", () => {
    const response = scorecardResponse();
    const summary = summariseOrg(response);
    expect(summary.figures).toBe(response.summary);
    expect(summary.figures).toMatchObject({ slos: 5, meeting: 3, unknown: 1, meetingShare: 0.75 });
    expect(summary.figures.trend.points).toBe(-33.3);
    expect(summary.demo).toBe(true);
  });

  it('names the worst team that owns SLOs, not the roll-up at the top', () => {
    // Payments meets 2 of 3 known; Search's only known SLO meets (its other is unknown).
    expect(summariseOrg(scorecardResponse()).worstGroup?.title).toBe('Payments');
  });
});

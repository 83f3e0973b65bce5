import { screen } from '@testing-library/react';
import type { ScorecardFigures } from '@slo-kit/plugin-slo-common';
import { renderSlo } from '../../__testUtils__/renderSlo';
import { ScorecardSummaryStrip } from './ScorecardSummaryStrip';

const figures: ScorecardFigures = {
  services: 3,
  slos: 5,
  meeting: 4,
  unknown: 0,
  meetingShare: 0.8,
  paging: 0,
  trend: { compared: 0, meetingBefore: 0, meetingNow: 0, points: null },
};

describe('ScorecardSummaryStrip', () => {
  it('counts the services without SLOs and those with a ready suggestion', async () => {
    renderSlo(
      <ScorecardSummaryStrip scope="Payments" figures={{ ...figures, withoutSlos: { services: 12, withSuggestion: 9 } }} demo={false} />,
    );
    expect(await screen.findByTestId('scorecard-summary-without-slos')).toHaveTextContent(
      '12 services without SLOs, 9 with a ready suggestion',
    );
  });

  it('says nothing of them when there are none, or the backend does not count them', async () => {
    renderSlo(<ScorecardSummaryStrip scope="Payments" figures={{ ...figures, withoutSlos: { services: 0, withSuggestion: 0 } }} demo={false} />);
    expect(await screen.findByTestId('scorecard-summary')).toHaveTextContent('3 services');
    expect(screen.queryByTestId('scorecard-summary-without-slos')).not.toBeInTheDocument();
  });
});

import { screen } from '@testing-library/react';
import {
  atRiskSlo,
  breachingSlo,
  demoCalendarSlo,
  entitySlosResponse,
  errorSlo,
  healthySlo,
  NOW,
  pagingSlo,
  problems,
} from '../../testing';
import { renderSlo } from '../../__testUtils__/renderSlo';
import { summariseEntitySlos } from '../../status';
import { SloSummaryStrip } from './SloSummaryStrip';

describe('SloSummaryStrip', () => {
  it('answers "are we OK?" in one line', () => {
    const summary = summariseEntitySlos(
      entitySlosResponse([pagingSlo, breachingSlo, atRiskSlo, healthySlo, errorSlo, demoCalendarSlo], problems),
    );
    renderSlo(<SloSummaryStrip summary={summary} now={NOW} />);
    // Each SLO once, under its chip's word; the paging one is not "meeting".
    expect(screen.getByRole('status', { name: 'SLO summary' })).toHaveTextContent(
      '6 SLOs · 3 meeting (1 at risk) · 1 paging · 1 breaching · 1 unknown · data collected 2 minutes ago · 1 never collected · 2 definition problems',
    );
    expect(screen.getByTestId('slo-summary-demo')).toHaveTextContent('Demo data');
  });

  it('stays short when all is well', () => {
    const summary = summariseEntitySlos(entitySlosResponse([healthySlo]));
    renderSlo(<SloSummaryStrip summary={summary} now={NOW} />);
    expect(screen.getByTestId('slo-summary')).toHaveTextContent(
      /^1 SLO · 1 meeting · data collected 2 minutes ago$/,
    );
    expect(screen.queryByTestId('slo-summary-demo')).not.toBeInTheDocument();
  });
});

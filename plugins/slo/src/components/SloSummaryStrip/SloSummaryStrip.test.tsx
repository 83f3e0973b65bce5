import { screen } from '@testing-library/react';
import {
  atRiskSlo,
  breachingSlo,
  demoCalendarSlo,
  entitySlosResponse,
  errorSlo,
  healthySlo,
  NOW,
  problems,
} from '../../testing';
import { renderSlo } from '../../__testUtils__/renderSlo';
import { summariseEntitySlos } from '../../status';
import { SloSummaryStrip } from './SloSummaryStrip';

describe('SloSummaryStrip', () => {
  it('answers "are we OK?" in one line', () => {
    const summary = summariseEntitySlos(
      entitySlosResponse([breachingSlo, atRiskSlo, healthySlo, errorSlo, demoCalendarSlo], problems),
    );
    renderSlo(<SloSummaryStrip summary={summary} now={NOW} />);
    expect(screen.getByRole('status', { name: 'SLO summary' })).toHaveTextContent(
      '5 SLOs · 3 meeting · 1 breaching · 1 at risk · 1 unknown · 1 burning fast (page) · 1 burning slowly (ticket) · data collected 2 minutes ago · 1 never collected · 2 definition problems',
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

import { render, screen } from '@testing-library/react';
import { TechInsightsChecksCardView } from './TechInsightsChecksCard';

const check = (id: string, name: string, result: boolean) => ({
  check: { id, name, description: `${name}: why` },
  result,
  facts: {},
});

describe('TechInsightsChecksCardView', () => {
  it('says which checks passed and which failed, in words beside the icons', () => {
    render(
      <TechInsightsChecksCardView
        state={{
          status: 'loaded',
          results: [
            check(
              'productionServiceDeclaresSlo',
              'Every production service declares an SLO',
              true,
            ),
            check(
              'tierOneMeetsAllSlos',
              'Tier-1 services meet all SLOs',
              false,
            ),
          ],
        }}
      />,
    );
    expect(
      screen.getByRole('heading', { level: 2, name: 'Scorecard' }),
    ).toBeInTheDocument();
    expect(screen.getByTestId('tech-insights-summary')).toHaveTextContent(
      '1 of 2 checks passed',
    );
    const rows = screen
      .getAllByTestId('tech-insights-check')
      .map(r => r.textContent);
    expect(rows).toEqual([
      'Passed: Every production service declares an SLOEvery production service declares an SLO: why',
      'Failed: Tier-1 services meet all SLOsTier-1 services meet all SLOs: why',
    ]);
  });

  it('says when no check applies, and what went wrong when the backend fails', () => {
    const { rerender } = render(
      <TechInsightsChecksCardView state={{ status: 'loaded', results: [] }} />,
    );
    expect(
      screen.getByText(/No Tech Insights check applies to this entity/),
    ).toBeInTheDocument();
    rerender(
      <TechInsightsChecksCardView
        state={{
          status: 'error',
          message: 'the Tech Insights backend answered 503 Service Unavailable',
        }}
      />,
    );
    expect(screen.getByRole('alert')).toHaveTextContent(
      'Could not run the Tech Insights checks: the Tech Insights backend answered 503 Service Unavailable.',
    );
  });
});

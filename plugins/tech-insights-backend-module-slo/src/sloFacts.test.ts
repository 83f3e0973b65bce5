import type { EntitySlosResponse, SloEvaluation, SloStatus } from '@slo-kit/plugin-slo-common';
import { sloFacts } from './sloFacts';

const status = (evaluation: Partial<SloEvaluation> & Pick<SloEvaluation, 'health' | 'dataState'>, budget: number | null) =>
  ({
    definition: { name: 'x' },
    evaluations: [
      {
        alerts: [],
        ...evaluation,
        errorBudget: { remainingFraction: budget },
      },
    ],
  }) as unknown as SloStatus;

const response = (slos: SloStatus[], problems = 0): Pick<EntitySlosResponse, 'slos' | 'problems'> => ({
  slos,
  problems: Array.from({ length: problems }, () => ({ entityRef: 'e', annotation: 'a', path: '', message: 'm' })),
});

describe('sloFacts', () => {
  it('counts met and at-risk as meeting, a paging SLO not, and takes the worst trusted budget', () => {
    expect(
      sloFacts(
        response([
          status({ health: 'met', dataState: 'ok' }, 0.8),
          status({ health: 'at-risk', dataState: 'ok' }, 0.1),
          status(
            { health: 'paging', dataState: 'ok', alerts: [{ severity: 'page', firing: true } as never] },
            0.4,
          ),
        ]),
      ),
    ).toEqual({
      hasSlos: true,
      slos: 3,
      slosMeeting: 2,
      slosUnknown: 0,
      allMeeting: false,
      worstBudgetRemaining: 0.1,
      pagingNow: true,
      definitionProblems: 0,
    });
  });

  it('never reads a budget from untrusted data, and an unknown SLO is not meeting', () => {
    const facts = sloFacts(response([status({ health: 'unknown', dataState: 'stale' }, -5)], 2));
    expect(facts).toEqual({
      hasSlos: true,
      slos: 1,
      slosMeeting: 0,
      slosUnknown: 1,
      allMeeting: false,
      pagingNow: false,
      definitionProblems: 2,
    });
    expect('worstBudgetRemaining' in facts).toBe(false);
  });

  it('all meeting needs at least one SLO', () => {
    expect(sloFacts(response([])).allMeeting).toBe(false);
    expect(sloFacts(response([status({ health: 'met', dataState: 'ok' }, 1)])).allMeeting).toBe(true);
  });
});

import {
  budgetExhaustionTransition,
  type BudgetExhaustionState,
  type BudgetObservation,
} from './budgetExhaustionTransition';

const rolling = (at: number, budgetRemaining: number): BudgetObservation => ({
  at,
  budgetRemaining,
  exhausted: budgetRemaining <= 0,
  periodStart: null,
});

/** Runs the observations through the transition, as the recorder stores them. */
function run(observations: BudgetObservation[]) {
  let state: BudgetExhaustionState | undefined;
  const announced: string[] = [];
  for (const o of observations) {
    const result = budgetExhaustionTransition(state, o);
    if (!result) continue;
    state = result.next;
    for (const c of result.changes) {
      announced.push(
        [c.change, c.reason, c.since, c.end, c.budgetRemaining]
          .filter(x => x !== undefined)
          .join(' '),
      );
    }
  }
  return { state, announced };
}

describe('budgetExhaustionTransition', () => {
  it('announces an exhaustion once, then its recovery, then the next one', () => {
    const { announced } = run([
      rolling(100, 0.2),
      rolling(160, 0),
      rolling(220, -0.1),
      rolling(280, -0.3),
      rolling(340, 0.05),
      rolling(400, 0.1),
      rolling(460, -0.01),
    ]);
    expect(announced).toEqual([
      'exhausted 160 0',
      'recovered budget-back 160 340 0.05',
      'exhausted 460 -0.01',
    ]);
  });

  it('announces an SLO already exhausted at its first evaluation, as spent at least since then', () => {
    const first = budgetExhaustionTransition(undefined, rolling(100, -0.5));
    expect(first?.changes).toEqual([
      {
        change: 'exhausted',
        since: 100,
        startedBefore: true,
        budgetRemaining: -0.5,
      },
    ]);
    const recovered = budgetExhaustionTransition(
      first!.next,
      rolling(160, 0.1),
    );
    expect(recovered?.changes).toEqual([
      {
        change: 'recovered',
        reason: 'budget-back',
        since: 100,
        startedBefore: true,
        end: 160,
        budgetRemaining: 0.1,
      },
    ]);
    // One found later started when it was found.
    const later = budgetExhaustionTransition(
      recovered!.next,
      rolling(220, -0.1),
    );
    expect(later?.changes[0].startedBefore).toBe(false);
  });

  it('ignores an evaluation not newer than the stored one (another replica, older buckets)', () => {
    const { announced, state } = run([
      rolling(100, -0.1),
      rolling(100, 0.3),
      rolling(90, 0.3),
    ]);
    expect(announced).toEqual(['exhausted 100 -0.1']);
    expect(state).toMatchObject({ exhausted: true, evaluatedAt: 100 });
  });

  it('ends the episode when a new calendar period starts, and starts one if that is spent too', () => {
    const month = (at: number, remaining: number, periodStart: number) => ({
      ...rolling(at, remaining),
      periodStart,
    });
    expect(
      run([
        month(100, -0.2, 0),
        month(200, -0.3, 0),
        month(300, 1, 250),
        month(400, -0.1, 250),
        month(500, -2, 450),
      ]).announced,
    ).toEqual([
      'exhausted 100 -0.2',
      'recovered new-period 100 300 1',
      'exhausted 400 -0.1',
      'recovered new-period 400 500 -2',
      'exhausted 500 -2',
    ]);
  });
});

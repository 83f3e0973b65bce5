import type { SloHealthInput } from './sloHealth';
import { countsAsMeeting, firingSeverity, SLO_HEALTH_ORDER, sloHealth } from './sloHealth';

const page = { severity: 'page', firing: true } as const;
const ticket = { severity: 'ticket', firing: true } as const;
const quietPage = { severity: 'page', firing: false } as const;

/** Meeting a 99.9% objective with 60% of the budget left and nothing firing. */
function input(overrides: Partial<SloHealthInput> = {}): SloHealthInput {
  return {
    sli: 0.9996,
    target: 0.999,
    dataState: 'ok',
    budgetRemaining: 0.6,
    alerts: [quietPage],
    ...overrides,
  };
}

describe('sloHealth', () => {
  it('is met when nothing is wrong', () => {
    expect(sloHealth(input())).toBe('met');
  });

  it('says paging, not at risk, when a page alert fires above target (checkout at 20×)', () => {
    expect(sloHealth(input({ sli: 0.9992, budgetRemaining: 0.2, alerts: [page, ticket] }))).toBe(
      'paging',
    );
  });

  it('puts paging before breaching: the spend the owner can stop now comes first', () => {
    expect(sloHealth(input({ sli: 0.9987, budgetRemaining: -0.3, alerts: [page] }))).toBe('paging');
  });

  it('puts paging before unknown: the pager pages on the same burn rates at any traffic', () => {
    expect(sloHealth(input({ dataState: 'low-traffic', alerts: [page] }))).toBe('paging');
  });

  it('is unknown without data or below the minimum traffic, before judging attainment', () => {
    expect(sloHealth(input({ sli: null, budgetRemaining: null }))).toBe('unknown');
    expect(sloHealth(input({ sli: 0.5, dataState: 'low-traffic' }))).toBe('unknown');
  });

  it('is breaching below target even when only a ticket fires', () => {
    expect(sloHealth(input({ sli: 0.9985, budgetRemaining: -0.5, alerts: [ticket] }))).toBe(
      'breaching',
    );
  });

  it('is at risk on a ticket alert or under 25% of the budget left', () => {
    expect(sloHealth(input({ alerts: [ticket] }))).toBe('at-risk');
    expect(sloHealth(input({ budgetRemaining: 0.24 }))).toBe('at-risk');
    expect(sloHealth(input({ budgetRemaining: 0.25 }))).toBe('met');
  });

  it('meets a target it equals despite float noise', () => {
    expect(sloHealth(input({ sli: 0.999, target: 99.9 / 100 }))).toBe('met');
  });
});

describe('countsAsMeeting', () => {
  it('counts met and at risk, never paging, breaching or unknown', () => {
    expect(SLO_HEALTH_ORDER.filter(countsAsMeeting)).toEqual(['at-risk', 'met']);
  });
});

describe('firingSeverity', () => {
  it('picks page over ticket, and nothing when quiet', () => {
    expect(firingSeverity([ticket, page])).toBe('page');
    expect(firingSeverity([ticket, quietPage])).toBe('ticket');
    expect(firingSeverity([quietPage])).toBeUndefined();
  });
});

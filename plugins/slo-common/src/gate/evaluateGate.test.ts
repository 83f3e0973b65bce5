import type { GateSloInput } from './evaluateGate';
import { evaluateGate } from './evaluateGate';
import { parseGatePolicy } from './parseGatePolicy';

const policy = (text: string) => {
  const parsed = parseGatePolicy(text);
  if (!parsed.policy) throw new Error(parsed.problems[0].message);
  return parsed.policy;
};

const healthy: GateSloInput = {
  name: 'availability',
  dataState: 'ok',
  sli: 0.9995,
  budgetRemaining: 0.5,
  burnRates: { '5m': 0.4, '1h': 0.5, '6h': 0.5 },
  alerts: [
    { severity: 'page', firing: false },
    { severity: 'ticket', firing: false },
  ],
  health: 'met',
};
const overspent: GateSloInput = {
  ...healthy,
  name: 'latency',
  sli: 0.9987,
  budgetRemaining: -0.3,
  burnRates: { '5m': 15, '1h': 14.9, '6h': 3 },
  alerts: [
    { severity: 'page', firing: true },
    { severity: 'ticket', firing: true },
  ],
  health: 'paging',
};
const entityRef = 'component:default/checkout';

describe('evaluateGate', () => {
  it('allows (0) when every SLO meets every term', () => {
    expect(
      evaluateGate(policy('budget-left>=0%,not-paging,burn-rate-1h<2,state!=breaching'), [healthy], {
        entityRef,
      }),
    ).toEqual({
      decision: 'allowed',
      exitCode: 0,
      reason:
        'allowed: 1 SLO(s) of component:default/checkout meet budget-left>=0%,not-paging,burn-rate-1h<2,state!=breaching',
      slos: [{ name: 'availability', decision: 'allowed', reasons: [] }],
    });
  });

  it('blocks (1) on the first failing SLO, naming each failing term', () => {
    const result = evaluateGate(policy('budget-left>=0%,not-paging,burn-rate-1h<2'), [healthy, overspent], {
      entityRef,
    });
    expect(result.exitCode).toBe(1);
    expect(result.reason).toBe(
      'blocked: latency: budget left -30.00%, policy budget-left>=0%; a page alert fires; burn rate 1h 14.90x, policy burn-rate-1h<2',
    );
  });

  it('judges only the named SLO with --slo', () => {
    const result = evaluateGate(policy('budget-left>=0%'), [healthy, overspent], {
      entityRef,
      sloName: 'availability',
    });
    expect(result.decision).toBe('allowed');
    expect(result.slos.map(s => s.name)).toEqual(['availability']);
  });

  it.each([
    ['stale', 'the data is stale (the last collection failed or is overdue) (stale): connect ECONNREFUSED'],
    ['error', 'the source could not be read (error): connect ECONNREFUSED'],
    ['no-data', 'no events in the window (no-data): connect ECONNREFUSED'],
    ['partial', 'the data covers too little of the window (partial): connect ECONNREFUSED'],
    ['low-traffic', 'too few events to judge (low-traffic): connect ECONNREFUSED'],
  ] as const)('never allows on %s data, even if its figures would pass: cannot tell (2)', (dataState, why) => {
    const result = evaluateGate(
      policy('budget-left>=0%'),
      [{ ...healthy, dataState, dataDetail: 'connect ECONNREFUSED' }],
      { entityRef },
    );
    expect(result).toMatchObject({ decision: 'unknown', exitCode: 2, reason: `cannot tell: availability: ${why}` });
  });

  it('blocks when one SLO certainly fails though another cannot be judged', () => {
    const result = evaluateGate(
      policy('not-paging'),
      [{ ...healthy, dataState: 'stale' }, overspent],
      { entityRef },
    );
    expect(result.decision).toBe('blocked');
  });

  it('cannot tell with a burn-rate window the SLO does not compute, or without events', () => {
    expect(evaluateGate(policy('burn-rate-2h<1'), [healthy], { entityRef }).reason).toBe(
      'cannot tell: availability: no burn rate over 2h is computed for this SLO (computed: 5m, 1h, 6h); use one of those windows in burn-rate-2h<1',
    );
    expect(
      evaluateGate(policy('budget-left>=0%'), [{ ...healthy, budgetRemaining: null }], { entityRef }).exitCode,
    ).toBe(2);
  });

  it('cannot tell without SLOs, with an unknown --slo, or with definition problems', () => {
    expect(evaluateGate(policy('not-paging'), [], { entityRef }).reason).toBe(
      'cannot tell: component:default/checkout declares no SLO, so there is no error budget to judge',
    );
    expect(evaluateGate(policy('not-paging'), [healthy], { entityRef, sloName: 'latncy' }).reason).toBe(
      'cannot tell: component:default/checkout has no SLO named "latncy"; its SLOs are availability',
    );
    const broken = evaluateGate(policy('not-paging'), [healthy], {
      entityRef,
      problems: [{ sloName: 'latency', message: 'Unknown key "objectve".' }],
    });
    expect(broken.reason).toBe('cannot tell: 1 definition problem(s) in SLO latency: Unknown key "objectve".');
    // A problem of another SLO does not stop a gate on a named, valid one.
    expect(
      evaluateGate(policy('not-paging'), [healthy], {
        entityRef,
        sloName: 'availability',
        problems: [{ sloName: 'latency', message: 'x' }],
      }).decision,
    ).toBe('allowed');
  });

  it('reads state terms both ways', () => {
    expect(evaluateGate(policy('state==met'), [healthy], { entityRef }).decision).toBe('allowed');
    expect(evaluateGate(policy('state!=paging'), [overspent], { entityRef }).reason).toBe(
      'blocked: latency: state paging, policy state!=paging',
    );
    expect(evaluateGate(policy('not-alerting'), [{ ...healthy, alerts: [{ severity: 'ticket', firing: true }] }], {
      entityRef,
    }).reason).toBe('blocked: availability: a ticket alert fires');
  });
});

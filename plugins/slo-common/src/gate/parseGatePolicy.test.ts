import { parseGatePolicy } from './parseGatePolicy';

describe('parseGatePolicy', () => {
  it('reads every documented term, from commas and separate values alike', () => {
    const { policy, problems } = parseGatePolicy([
      'budget-left>=0, attainment >= 99.9%',
      'burn-rate-60m<2x',
      'not-paging,not-alerting',
      'state!=breaching',
      'state=met',
    ]);
    expect(problems).toEqual([]);
    expect(policy!.text).toBe(
      'budget-left>=0%,attainment>=99.9%,burn-rate-1h<2,not-paging,not-alerting,state!=breaching,state==met',
    );
    expect(policy!.terms[0]).toEqual({
      kind: 'budget-left',
      comparison: '>=',
      threshold: 0,
      text: 'budget-left>=0%',
    });
    expect(policy!.terms[1]).toMatchObject({ threshold: 0.999 });
    expect(policy!.terms[2]).toMatchObject({
      kind: 'burn-rate',
      windowSeconds: 3600,
      comparison: '<',
      threshold: 2,
    });
  });

  it('reads negative and fractional percents', () => {
    const { policy } = parseGatePolicy('budget-left>-12.5%');
    expect(policy!.terms[0]).toMatchObject({ comparison: '>', threshold: -0.125 });
  });

  it('names every bad term with its position, what is wrong and how to write it', () => {
    const { policy, problems } = parseGatePolicy(
      'budget-lfet>=0%,budget-left>=25,burn-rate-1x<2,not-paging=true,state!=breching,state!=burning,attainment>=120%,burn-rate-1h<fast,budget-left',
    );
    expect(policy).toBeUndefined();
    expect(problems.map(p => [p.position, p.message, p.didYouMean])).toEqual([
      [
        1,
        'Policy term 1: Unknown policy term "budget-lfet>=0%". Terms: budget-left>=0%, attainment>=99.9%, burn-rate-1h<2, not-paging, not-alerting, state!=breaching.',
        'budget-left',
      ],
      [
        2,
        'Policy term 2: "budget-left>=25": write the threshold as a percent, e.g. budget-left>=25% (a fraction such as 0.25 is written 25%).',
        undefined,
      ],
      [
        3,
        'Policy term 3: "burn-rate-1x<2": "1x" is not a window; write burn-rate-<window> with a duration such as 5m, 1h, 6h or 1d.',
        undefined,
      ],
      [4, 'Policy term 4: "not-paging=true": not-paging takes no value; write just not-paging.', undefined],
      [
        5,
        'Policy term 5: "state!=breching": "breching" is not a state. States: paging, breaching, at-risk, unknown, met.',
        'breaching',
      ],
      [
        6,
        'Policy term 6: "state!=burning": "burning" is not a state. States: paging, breaching, at-risk, unknown, met.',
        undefined,
      ],
      [7, 'Policy term 7: "attainment>=120%": attainment is between 0% and 100%.', undefined],
      [
        8,
        'Policy term 8: "burn-rate-1h<fast": "fast" is not a burn-rate factor such as 2 or 14.4.',
        undefined,
      ],
      [
        9,
        'Policy term 9: "budget-left": compare budget-left with >=, >, <= or <, e.g. budget-left>=0%.',
        undefined,
      ],
    ]);
  });

  it('refuses an empty policy and a hostile one whole, saying why', () => {
    expect(parseGatePolicy(' , ').problems[0].message).toMatch(/^The policy is empty\. Give at least one term/);
    expect(parseGatePolicy(Array(21).fill('not-paging')).problems[0].message).toBe(
      'The policy has 21 terms; at most 20 are read. Remove repeated terms.',
    );
    const long = parseGatePolicy(`budget-left>=${'9'.repeat(200)}%`).problems[0];
    expect(long.message).toBe('Policy term 1 is 214 characters long; a term is at most 80.');
    expect(long.term).toHaveLength(81);
  });
});

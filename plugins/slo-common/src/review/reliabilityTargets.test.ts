import { forecastTarget, parseReliabilityTargets } from './reliabilityTargets';

const ref = 'group:default/payments';

describe('parseReliabilityTargets', () => {
  it('reads targets with shares as percentages and optional labels', () => {
    const { targets, problems } = parseReliabilityTargets(
      ref,
      '- {name: quarterly, share: 95, period: quarter}\n- {share: "99%", period: month, labels: {tier: 1}}\n',
    );
    expect(problems).toEqual([]);
    expect(targets).toEqual([
      { name: 'quarterly', share: 0.95, period: 'quarter', labels: {} },
      {
        name: '99% per month',
        share: 0.99,
        period: 'month',
        labels: { tier: '1' },
      },
    ]);
  });

  it('reports every problem with its path, what was found and a suggestion', () => {
    const { targets, problems } = parseReliabilityTargets(
      ref,
      '- {share: 120, period: quartely, lables: {}}\n- {name: a, share: 90, period: week, labels: {"bad key!": x}}\n- 7\n',
    );
    expect(targets).toEqual([]);
    expect(problems.map(p => [p.path, p.found, p.didYouMean])).toEqual([
      ['[0].lables', undefined, 'labels'],
      ['[0].share', '120', undefined],
      ['[0].period', 'quartely', 'quarter'],
      ['[1].labels.bad key!', 'bad key!', undefined],
      ['[2]', '7', undefined],
    ]);
    expect(
      problems.every(p => p.annotation === 'slo-kit.dev/reliability-targets'),
    ).toBe(true);
  });

  it('reports broken YAML without throwing', () => {
    const { problems } = parseReliabilityTargets(ref, '- {share: [95');
    expect(problems).toHaveLength(1);
    expect(problems[0].message).toMatch(/YAML syntax error/);
  });
});

describe('forecastTarget', () => {
  const slo = (met: boolean | null, budgetSpent: number | null) => ({
    met,
    budgetSpent,
  });

  it('judges finished periods by the share met among SLOs with a verdict', () => {
    expect(
      forecastTarget(
        0.75,
        [slo(true, 0.2), slo(true, 0.5), slo(false, 2), slo(null, null)],
        null,
      ),
    ).toEqual({
      judged: 3,
      met: 2,
      shareMet: 2 / 3,
      status: 'missed',
    });
    expect(forecastTarget(0.5, [slo(true, 0.2), slo(false, 2)], 1).status).toBe(
      'met',
    );
    expect(forecastTarget(0.5, [slo(null, null)], 1).status).toBe('no-data');
  });

  it('forecasts the current period: on track, at risk, missed', () => {
    // Halfway through: burning no faster than the period allows.
    expect(
      forecastTarget(1, [slo(true, 0.3), slo(true, 0.5)], 0.5).status,
    ).toBe('on-track');
    // Meeting so far, but one SLO burns faster than the period allows.
    expect(
      forecastTarget(1, [slo(true, 0.3), slo(true, 0.9)], 0.5).status,
    ).toBe('at-risk');
    // Missing now but recoverable: spent 1.5 budgets of the half so far, under the 2 the whole period allows.
    expect(
      forecastTarget(1, [slo(true, 0.3), slo(false, 1.5)], 0.5).status,
    ).toBe('at-risk');
    // Spent more than the whole period allows: cannot recover.
    expect(
      forecastTarget(1, [slo(true, 0.3), slo(false, 2.5)], 0.5).status,
    ).toBe('missed');
  });
});

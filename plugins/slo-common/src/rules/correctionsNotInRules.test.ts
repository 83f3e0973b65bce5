import { testDefinition } from '../math/testDefinitions';
import type { SloCorrection } from '../corrections/SloCorrection';
import { generatePrometheusRules } from './generatePrometheusRules';

const correction: SloCorrection = {
  name: 'sunday-maintenance',
  entityRef: 'component:default/checkout',
  category: 'planned-maintenance',
  reason: 'Weekly database maintenance',
  start: 1_700_000_000,
  durationSeconds: 3600,
  timeZone: 'UTC',
  target: { kind: 'entity' },
  origin: { kind: 'annotation', annotation: 'slo-kit.dev/corrections' },
};

describe('exported rules and corrections', () => {
  it('say at the top that no correction is excluded, and name the corrections of each SLO that has some', () => {
    const corrected = { ...testDefinition(), corrections: [correction] };
    const text = generatePrometheusRules([corrected]);
    expect(text).toMatch(/^# Corrections \(slo-kit\.dev\/corrections, OpenSLO BudgetAdjustment\) are NOT excluded by these rules/m);
    expect(text).toMatch(/^ *# Not excluded here, unlike in the portal: the correction\(s\) sunday-maintenance\./m);
  });

  it('name no correction for an SLO without any', () => {
    expect(generatePrometheusRules([testDefinition()])).not.toMatch(/Not excluded here/);
  });
});

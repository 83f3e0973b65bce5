import { periodVerdict, verdictMet } from './periodVerdict';

describe('periodVerdict', () => {
  it('meets or misses the target with enough events', () => {
    expect(periodVerdict({ good: 999, total: 1000, target: 0.999, minimumEvents: 1000 })).toBe('met');
    expect(periodVerdict({ good: 998, total: 1000, target: 0.999, minimumEvents: 1000 })).toBe('missed');
    // Float noise at the target does not turn a met period into a miss.
    expect(periodVerdict({ good: 2997, total: 3000, target: 0.999 })).toBe('met');
  });

  it('gives no verdict below the minimum, however good the period', () => {
    // notification-service delivery-availability: ~300 events a week, minimum 1,000.
    expect(periodVerdict({ good: 300, total: 300, target: 0.99, minimumEvents: 1000 })).toBe(
      'low-traffic',
    );
    expect(periodVerdict({ good: 0, total: 999, target: 0.99, minimumEvents: 1000 })).toBe(
      'low-traffic',
    );
  });

  it('says no data without events, whatever the minimum', () => {
    expect(periodVerdict({ good: 0, total: 0, target: 0.99 })).toBe('no-data');
    expect(periodVerdict({ good: 0, total: 0, target: 0.99, minimumEvents: 1000 })).toBe('no-data');
  });

  it('counts more good than total events as total', () => {
    expect(periodVerdict({ good: 12, total: 10, target: 0.99 })).toBe('met');
  });

  it('maps verdicts to the API met flag', () => {
    expect(['met', 'missed', 'low-traffic', 'no-data'].map(v => verdictMet(v as never))).toEqual([
      true,
      false,
      null,
      null,
    ]);
  });
});

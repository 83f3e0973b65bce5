import { defaultTimeRange, timeRangeById, TIME_RANGES } from './timeRanges';

describe('defaultTimeRange', () => {
  it('picks the shortest range that shows the window', () => {
    expect(defaultTimeRange({ type: 'rolling', durationSeconds: 30 * 86400, label: '30d' }).id).toBe('30d');
    expect(defaultTimeRange({ type: 'rolling', durationSeconds: 28 * 86400, label: '28d' }).id).toBe('30d');
    expect(defaultTimeRange({ type: 'rolling', durationSeconds: 7 * 86400, label: '7d' }).id).toBe('7d');
    expect(defaultTimeRange({ type: 'calendar', unit: 'quarter', timeZone: 'UTC', label: 'quarter' }).id).toBe('90d');
    expect(defaultTimeRange({ type: 'rolling', durationSeconds: 365 * 86400, label: '1y' }).id).toBe('90d');
  });

  it('looks ranges up by id', () => {
    expect(timeRangeById('24h', TIME_RANGES[1]).id).toBe('24h');
    expect(timeRangeById('1y', TIME_RANGES[1]).id).toBe('7d');
  });
});

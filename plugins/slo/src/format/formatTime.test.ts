import {
  formatAxisTime,
  formatDateTime,
  formatDurationShort,
  formatDurationWords,
  formatRelative,
} from './formatTime';

const NOW = Date.UTC(2026, 10, 20, 12, 0, 0) / 1000;

describe('formatDurationShort', () => {
  it('spells alert windows', () => {
    expect(formatDurationShort(300)).toBe('5m');
    expect(formatDurationShort(3600)).toBe('1h');
    expect(formatDurationShort(1800)).toBe('30m');
    expect(formatDurationShort(86400)).toBe('1d');
    expect(formatDurationShort(3 * 86400)).toBe('3d');
    expect(formatDurationShort(5400)).toBe('1h30m');
    expect(formatDurationShort(0)).toBe('0s');
  });
});

describe('formatDurationWords', () => {
  it('rounds to one unit', () => {
    expect(formatDurationWords(30)).toBe('less than a minute');
    expect(formatDurationWords(120)).toBe('2 minutes');
    expect(formatDurationWords(3600)).toBe('1 hour');
    expect(formatDurationWords(30 * 3600)).toBe('30 hours');
    expect(formatDurationWords(2 * 86400 + 3600)).toBe('2 days');
  });
});

describe('formatRelative', () => {
  it('says future and past', () => {
    expect(formatRelative(NOW + 2 * 86400, NOW)).toBe('in 2 days');
    expect(formatRelative(NOW - 3 * 3600, NOW)).toBe('3 hours ago');
    expect(formatRelative(NOW - 120, NOW)).toBe('2 minutes ago');
    expect(formatRelative(NOW + 10, NOW)).toBe('just now');
  });
});

describe('formatDateTime', () => {
  it('names the zone', () => {
    expect(formatDateTime(NOW, 'UTC')).toBe('2026-11-20 12:00 UTC');
    expect(formatDateTime(NOW, 'Europe/Berlin')).toMatch(
      /^2026-11-20 13:00 (CET|GMT\+1)$/,
    );
  });
});

describe('formatAxisTime', () => {
  it('shows hours for a day and dates for longer ranges', () => {
    expect(formatAxisTime(NOW, 86400, 'UTC')).toBe('12:00');
    expect(formatAxisTime(NOW, 30 * 86400, 'UTC')).toBe('Nov 20');
  });
});

import { DateTime } from 'luxon';
import { listCorrections } from './listCorrections';
import { parseRecurrenceRule } from './parseRecurrenceRule';
import type { SloCorrection } from './SloCorrection';

const utc = (iso: string) => DateTime.fromISO(iso, { zone: 'UTC' }).toSeconds();

describe('listCorrections', () => {
  it('lists the occurrences in the range, widened to buckets, and the next one ahead', () => {
    const rule = parseRecurrenceRule('FREQ=WEEKLY;BYDAY=SU', 'UTC');
    if (!rule.ok) throw new Error(rule.message);
    const weekly: SloCorrection = {
      name: 'sunday-maintenance',
      entityRef: 'component:default/shop',
      category: 'planned-maintenance',
      reason: 'Weekly database maintenance',
      start: utc('2026-11-01T02:02:00'),
      durationSeconds: 3600,
      timeZone: 'UTC',
      recurrence: rule.value,
      target: { kind: 'entity' },
      origin: { kind: 'annotation', annotation: 'slo-kit.dev/corrections' },
    };
    const old: SloCorrection = { ...weekly, name: 'old', recurrence: undefined, start: utc('2026-01-01T00:00:00') };
    const listed = listCorrections({ corrections: [weekly, old] }, { from: utc('2026-11-05T00:00:00'), to: utc('2026-11-20T00:00:00'), bucketSeconds: 300 });
    expect(listed).toEqual([
      expect.objectContaining({
        name: 'sunday-maintenance',
        recurrence: 'FREQ=WEEKLY;BYDAY=SU',
        occurrences: [
          { start: utc('2026-11-08T02:02:00'), end: utc('2026-11-08T03:02:00'), excludedStart: utc('2026-11-08T02:00:00'), excludedEnd: utc('2026-11-08T03:05:00') },
          { start: utc('2026-11-15T02:02:00'), end: utc('2026-11-15T03:02:00'), excludedStart: utc('2026-11-15T02:00:00'), excludedEnd: utc('2026-11-15T03:05:00') },
        ],
        next: { start: utc('2026-11-22T02:02:00'), end: utc('2026-11-22T03:02:00') },
      }),
    ]);
  });
});

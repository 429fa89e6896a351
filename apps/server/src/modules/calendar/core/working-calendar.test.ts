import { afterEach, describe, expect, it } from 'vitest';
import { WorkingCalendar } from './working-calendar.js';

const vn = (local: string) => new Date(`${local}+07:00`);
const cal = new WorkingCalendar();

describe('WorkingCalendar days', () => {
  it('knows the 30/4–1/5 break of 2026 and National Day', () => {
    expect(cal.isWorkingDay('2026-04-29')).toBe(true);
    expect(cal.isWorkingDay('2026-04-30')).toBe(false); // Thursday
    expect(cal.isWorkingDay('2026-05-01')).toBe(false); // Friday
    expect(cal.isWorkingDay('2026-05-04')).toBe(true); // back on Monday
    expect(cal.nextWorkingDay('2026-04-29')).toBe('2026-05-04');
    expect(cal.isWorkingDay('2026-09-02')).toBe(false); // a Wednesday
    expect(cal.isWorkingDay('2026-09-01')).toBe(false);
    expect(cal.isWorkingDay('2026-09-03')).toBe(true);
  });

  it('knows Tết 2026 and the Monday after a Sunday holiday', () => {
    expect(['2026-02-13', '2026-02-16', '2026-02-20', '2026-02-23'].map((d) => cal.isWorkingDay(d))).toEqual([
      true,
      false,
      false,
      true,
    ]);
    expect(cal.nextWorkingDay('2026-02-13')).toBe('2026-02-23');
    expect(cal.isWorkingDay('2023-01-02')).toBe(false);
    expect(cal.isWorkingDay('2026-04-27')).toBe(false);
  });

  it('applies admin-declared days off and make-up Saturdays', () => {
    const c = new WorkingCalendar({ extraDaysOff: ['2026-05-05'], makeUpWorkingDays: ['2026-05-09', '2026-05-01'] });
    expect(c.isWorkingDay('2026-05-05')).toBe(false);
    expect(c.isWorkingDay('2026-05-09')).toBe(true); // a Saturday worked
    expect(c.isWorkingDay('2026-05-01')).toBe(true); // an admin decision wins over the computed holiday
    const rows = WorkingCalendar.fromDeclaredDays([
      { date: '2026-05-09', kind: 'working_day' },
      { date: '2026-05-05', kind: 'day_off' },
    ]);
    expect([rows.isWorkingDay('2026-05-09'), rows.isWorkingDay('2026-05-05')]).toEqual([true, false]);
  });

  it('memoizes holidays per year', () => {
    const c = new WorkingCalendar();
    expect(c.holidays(2026)).toEqual(c.holidays(2026));
    expect(c.holidayOn('2026-04-27')?.kind).toBe('compensatory');
    expect(c.holidayOn('2026-04-28')).toBeUndefined();
  });

  it('rejects bad input and contradictory configuration', () => {
    expect(() => cal.isWorkingDay('2026-02-30')).toThrow(RangeError);
    expect(() => cal.isWorkingDay('26-1-1')).toThrow(RangeError);
    expect(() => new WorkingCalendar({ extraDaysOff: ['2026-05-09'], makeUpWorkingDays: ['2026-05-09'] })).toThrow(
      /both/,
    );
    expect(() => new WorkingCalendar({ weekend: [0, 1, 2, 3, 4, 5, 6] })).toThrow(RangeError);
    expect(() => new WorkingCalendar({ weekend: [7] })).toThrow(RangeError);
    expect(() => new WorkingCalendar({ cutoffHour: 25 })).toThrow(/cutoffHour/);
    expect(() => cal.localDate(new Date('nope'))).toThrow(RangeError);
  });
});

describe('WorkingCalendar local time (UTC+7)', () => {
  const savedTz = process.env.TZ;
  afterEach(() => {
    process.env.TZ = savedTz;
  });

  it('takes the date in +07:00 whatever the server zone', () => {
    for (const tz of ['UTC', 'America/Los_Angeles', 'Pacific/Kiritimati']) {
      process.env.TZ = tz;
      expect(cal.localDate(new Date('2026-04-23T16:59:59Z'))).toBe('2026-04-23');
      expect(cal.localDate(new Date('2026-04-23T17:00:00Z'))).toBe('2026-04-24');
      expect(cal.dueDate(vn('2026-04-23T10:00:00'), 5).toISOString()).toBe('2026-05-05T10:00:00.000Z');
    }
  });
});

describe('WorkingCalendar.dueDate', () => {
  it('crosses Giỗ Tổ, 30/4–1/5 and two weekends: Thursday 23/4/2026 10:00 + 5 working days → Tuesday 5/5 17:00', () => {
    // Day 1 Friday 24/4; 25–26 weekend and 27/4 off in lieu of Giỗ Tổ (Sunday 26/4); day 2 Tuesday 28/4,
    // day 3 Wednesday 29/4; 30/4–3/5 off; day 4 Monday 4/5; day 5 Tuesday 5/5.
    expect(cal.dueDate(vn('2026-04-23T10:00:00'), 5)).toEqual(vn('2026-05-05T17:00:00'));
    expect(cal.dueDate(vn('2026-04-23T10:00:00'), 5, { includeReceiptDay: true })).toEqual(vn('2026-05-04T17:00:00'));
  });

  it('counts an intake at or after 15:00 as the next working day’s', () => {
    expect(cal.receiptDay(vn('2026-05-08T15:30:00'))).toBe('2026-05-11'); // Friday afternoon → Monday
    expect(cal.dueDate(vn('2026-05-08T15:30:00'), 1)).toEqual(vn('2026-05-12T17:00:00'));
    expect(cal.dueDate(vn('2026-05-08T15:30:00'), 1, { includeReceiptDay: true })).toEqual(vn('2026-05-11T17:00:00'));
    expect(cal.receiptDay(vn('2026-05-08T15:00:00'))).toBe('2026-05-11');
    expect(cal.receiptDay(vn('2026-05-08T14:59:59'))).toBe('2026-05-08');
    expect(cal.dueDate(vn('2026-05-08T14:59:59'), 1)).toEqual(vn('2026-05-11T17:00:00'));
    expect(cal.receiptDay(vn('2026-05-08T15:30:00'), { cutoffHour: 16 })).toBe('2026-05-08');
    expect(cal.receiptDay(vn('2026-04-24T15:30:00'))).toBe('2026-04-28'); // Monday 27/4 is a compensatory day
  });

  it('counts an intake on a day off from the next working day', () => {
    expect(cal.receiptDay(vn('2026-05-09T09:00:00'))).toBe('2026-05-11'); // Saturday
    expect(cal.dueDate(vn('2026-02-14T09:00:00'), 3)).toEqual(vn('2026-02-26T17:00:00')); // Tết: counts as received Monday 23/2; days 24–26/2
  });

  it('counts a make-up Saturday as a working day', () => {
    const c = new WorkingCalendar({ makeUpWorkingDays: ['2026-05-09'] });
    // Received Thursday 7/5: day 1 Friday 8/5, day 2 Saturday 9/5 (worked), day 3 Monday 11/5.
    expect(c.dueDate(vn('2026-05-07T09:00:00'), 3)).toEqual(vn('2026-05-11T17:00:00'));
    expect(cal.dueDate(vn('2026-05-07T09:00:00'), 3)).toEqual(vn('2026-05-12T17:00:00'));
    expect(c.receiptDay(vn('2026-05-09T09:00:00'))).toBe('2026-05-09');
  });

  it('handles same-day procedures and the closing hour', () => {
    expect(cal.dueDate(vn('2026-04-23T10:00:00'), 0)).toEqual(vn('2026-04-23T17:00:00'));
    expect(cal.dueDate(vn('2026-04-23T10:00:00'), 0, { includeReceiptDay: true })).toEqual(vn('2026-04-23T17:00:00'));
    expect(cal.dueDate(vn('2026-04-23T10:00:00'), 1, { closingHour: 16.5 })).toEqual(vn('2026-04-24T16:30:00'));
    expect(new WorkingCalendar({ closingHour: 17.5 }).dueDate(vn('2026-04-23T10:00:00'), 1)).toEqual(
      vn('2026-04-24T17:30:00'),
    );
    expect(() => cal.dueDate(vn('2026-04-23T10:00:00'), -1)).toThrow(RangeError);
    expect(() => cal.dueDate(vn('2026-04-23T10:00:00'), 1.5)).toThrow(RangeError);
  });
});

describe('WorkingCalendar pauses and classification', () => {
  const due = vn('2026-05-05T17:00:00');

  it('counts working days between two instants', () => {
    expect(cal.workingDaysBetween(vn('2026-04-23T10:00:00'), due)).toBe(5);
    expect(cal.workingDaysBetween(due, vn('2026-04-23T10:00:00'))).toBe(-5);
    expect(cal.workingDaysBetween(vn('2026-05-08T08:00:00'), vn('2026-05-08T18:00:00'))).toBe(0);
    expect(cal.workingDaysBetween(vn('2026-05-08T08:00:00'), vn('2026-05-10T08:00:00'))).toBe(0);
  });

  it('keeps the remaining days over a supplement request and re-applies them on resumption', () => {
    const pausedAt = vn('2026-04-28T09:00:00');
    const remaining = cal.remainingWorkingDays(pausedAt, due);
    expect(remaining).toBe(3); // 29/4, 4/5 and 5/5
    expect(cal.resume(remaining, vn('2026-05-11T08:00:00'))).toEqual(vn('2026-05-14T17:00:00'));
    expect(cal.resume(remaining, pausedAt)).toEqual(due); // pausing and resuming the same morning changes nothing
    expect(cal.resume(remaining, vn('2026-05-08T16:00:00'))).toEqual(vn('2026-05-14T17:00:00')); // after the cutoff
    expect(cal.remainingWorkingDays(vn('2026-05-06T09:00:00'), due)).toBe(0);
  });

  it('classifies by local day', () => {
    expect(cal.classify(vn('2026-05-04T10:00:00'), due)).toBe('early');
    expect(cal.classify(vn('2026-05-05T08:00:00'), due)).toBe('on_time');
    expect(cal.classify(vn('2026-05-05T20:00:00'), due)).toBe('on_time'); // same day, after hours
    expect(cal.classify(vn('2026-05-06T00:00:00'), due)).toBe('overdue');
    expect(cal.classify(new Date('2026-05-05T16:59:00Z'), due)).toBe('on_time'); // 23:59 in Hanoi
    expect(cal.classify(new Date('2026-05-05T17:00:00Z'), due)).toBe('overdue'); // 00:00 next day in Hanoi
  });
});

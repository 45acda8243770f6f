import { describe, expect, it } from 'vitest';
import { applyAttempt, callWindow } from '../../../shared/callbacks/schedule.ts';
import { DEFAULT_CALLBACK_SETTINGS as defaults } from '../../../shared/callbacks/settings.ts';
import { createWorkingCalendar } from '../../../shared/sites/working-calendar.ts';

// The window and the retry schedule on the working-day calendar: weekends, the National Day holiday
// (1–7 October 2026), its make-up Saturday (10 October), and a site's own closure.

const calendar = createWorkingCalendar();

describe('the call window', () => {
  it('opens on the first working day after a Friday discharge and closes on the last working day within 30 days', () => {
    // 27 November 2026 is a Friday; 27 December a Sunday.
    expect(callWindow(calendar, '2026-11-27', defaults)).toEqual({ start: '2026-11-30', end: '2026-12-25' });
  });

  it('waits out a national holiday, and opens on a make-up Saturday', () => {
    expect(callWindow(calendar, '2026-09-30', defaults)).toEqual({ start: '2026-10-08', end: '2026-10-30' });
    expect(callWindow(calendar, '2026-10-09', defaults).start).toBe('2026-10-10');
  });

  it('follows the site\'s own closures and settings', () => {
    const closedMonday = createWorkingCalendar({ holidays: ['2026-11-30'] });
    expect(callWindow(closedMonday, '2026-11-27', defaults).start).toBe('2026-12-01');
    expect(callWindow(calendar, '2026-11-23', { ...defaults, windowStartWorkingDays: 2, windowEndDays: 7 })).toEqual({ start: '2026-11-25', end: '2026-11-30' });
  });
});

describe('an attempt', () => {
  const call = { windowEnd: '2026-12-25', dueDay: '2026-11-30' };

  it('unanswered, is due again the next working day, so attempts fall on different days', () => {
    expect(applyAttempt(calendar, { ...call, dueDay: '2026-11-27' }, 'no_answer', '2026-11-27', 1, defaults)).toEqual({ status: 'attempted', dueDay: '2026-11-30', reached: false });
    expect(applyAttempt(calendar, call, 'busy', '2026-11-30', 2, defaults)).toEqual({ status: 'attempted', dueDay: '2026-12-01', reached: false });
    expect(applyAttempt(calendar, { windowEnd: '2026-10-30', dueDay: '2026-09-30' }, 'no_answer', '2026-09-30', 1, defaults).dueDay).toBe('2026-10-08');
  });

  it('closes the call as unreachable after the last attempt, or when no working day is left in the window', () => {
    expect(applyAttempt(calendar, call, 'no_answer', '2026-12-02', 3, defaults)).toEqual({ status: 'done', result: 'unreachable', dueDay: '2026-11-30', reached: false });
    expect(applyAttempt(calendar, { windowEnd: '2026-12-25', dueDay: '2026-12-25' }, 'no_answer', '2026-12-25', 1, defaults)).toMatchObject({ status: 'done', result: 'unreachable' });
    expect(applyAttempt(calendar, call, 'no_answer', '2026-11-30', 5, { ...defaults, maxAttempts: 5 })).toMatchObject({ status: 'done', result: 'unreachable' });
  });

  it('closes the call at once when the patient is reached, declines, has died, or the number is wrong', () => {
    expect(applyAttempt(calendar, call, 'reached', '2026-11-30', 1, defaults)).toMatchObject({ status: 'done', result: 'reached', reached: true });
    expect(applyAttempt(calendar, call, 'declined', '2026-11-30', 1, defaults)).toMatchObject({ status: 'done', result: 'declined', reached: false });
    expect(applyAttempt(calendar, call, 'patient_deceased', '2026-11-30', 1, defaults)).toMatchObject({ status: 'done', result: 'deceased' });
    expect(applyAttempt(calendar, call, 'wrong_number', '2026-11-30', 1, defaults)).toMatchObject({ status: 'done', result: 'unreachable' });
  });
});

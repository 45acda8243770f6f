import { addWorkingDays, isWorkingDay, type WorkingCalendar } from '../sites/working-calendar.ts';
import type { CallOutcome, CallRecord, CallResult, CallStatus } from '../schemas/callback.ts';
import type { CallbackSettings } from './settings.ts';

// When a call is due and what an attempt does to it, on the site's working-day calendar. Decided here
// (README, "Callbacks"):
// - the window opens on the n-th working day after the discharge day (default the first: a Friday
//   discharge is called from Monday, a holiday's from the first day back);
// - it closes `windowEndDays` calendar days after the discharge day, or the last working day before if
//   that day is closed; calls are made on working days only;
// - an unanswered attempt (no answer, busy) makes the call due again the next working day, so attempts
//   fall on different days; after `maxAttempts`, or when no working day is left in the window, the call
//   closes as unreachable. A wrong number closes it as unreachable at once.

const DAY_MS = 86_400_000;

export function addCalendarDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

export interface CallWindow {
  readonly start: string;
  readonly end: string;
}

export function callWindow(calendar: WorkingCalendar, dischargeDay: string, settings: CallbackSettings): CallWindow {
  const start = addWorkingDays(calendar, dischargeDay, settings.windowStartWorkingDays);
  let end = addCalendarDays(dischargeDay, settings.windowEndDays);
  while (end > start && !isWorkingDay(calendar, end)) end = addCalendarDays(end, -1);
  return { start, end: end < start ? start : end };
}

export interface AttemptEffect {
  readonly status: CallStatus;
  readonly result?: CallResult;
  readonly dueDay: string;
  /** The patient was reached on this attempt (counted once per patient). */
  readonly reached: boolean;
}

const CLOSING: Partial<Record<CallOutcome, CallResult>> = { reached: 'reached', declined: 'declined', wrong_number: 'unreachable', patient_deceased: 'deceased' };

/** What one more attempt, made on `attemptDay`, does to an open call (attempts counted with this one). */
export function applyAttempt(calendar: WorkingCalendar, call: Pick<CallRecord, 'windowEnd' | 'dueDay'>, outcome: CallOutcome, attemptDay: string, attempts: number, settings: CallbackSettings): AttemptEffect {
  const closing = CLOSING[outcome];
  if (closing !== undefined) return { status: 'done', result: closing, dueDay: call.dueDay, reached: outcome === 'reached' };
  const next = addWorkingDays(calendar, attemptDay, 1);
  if (attempts >= settings.maxAttempts || next > call.windowEnd) return { status: 'done', result: 'unreachable', dueDay: call.dueDay, reached: false };
  return { status: 'attempted', dueDay: next > call.dueDay ? next : call.dueDay, reached: false };
}

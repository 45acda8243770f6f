import * as z from '../schemas/zod.ts';

// First-complaint responsibility (首诉负责制): a complaint has exactly one owner in the complaint office
// from the moment it reaches the office. The officer who typed it in owns it; a complaint from a patient
// goes to an officer on duty by the site's rota, the one with the fewest open cases (ties by name, so
// the choice is repeatable).

const Time = z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM'));

export const RotaShiftSchema = z.strictObject({
  username: z.string().check(z.minLength(1)),
  /** Where the officer gets new cases and safety alerts while on duty. */
  email: z.email(),
  /** ISO weekdays the shift starts on: 1 Monday … 7 Sunday. */
  days: z.array(z.int().check(z.minimum(1), z.maximum(7))).check(z.minLength(1)),
  from: Time,
  /** Before `from` means the shift runs past midnight (the 24-hour hotline's night shift). */
  to: Time,
});
export type RotaShift = z.infer<typeof RotaShiftSchema>;

export const RotaSchema = z.array(RotaShiftSchema);

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

// One formatter per zone: building one costs far more than formatting with it.
const weekdayFormatters = new Map<string, Intl.DateTimeFormat>();

/** Weekday (1–7) and minute of the day of an instant in a time zone. */
function localTime(instant: Date, timeZone: string): { weekday: number; minute: number } {
  let formatter = weekdayFormatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    weekdayFormatters.set(timeZone, formatter);
  }
  const parts = formatter.formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const weekday = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(get('weekday')) + 1;
  return { weekday, minute: Number(get('hour')) * 60 + Number(get('minute')) };
}

export function onDuty(rota: readonly RotaShift[], instant: Date, timeZone: string): string[] {
  const { weekday, minute } = localTime(instant, timeZone);
  const yesterday = weekday === 1 ? 7 : weekday - 1;
  const names = rota.filter((shift) => {
    const from = minutes(shift.from);
    const to = minutes(shift.to);
    if (from < to) return shift.days.includes(weekday) && minute >= from && minute < to;
    // Overnight: the evening part belongs to the start day, the small hours to the day before.
    return (shift.days.includes(weekday) && minute >= from) || (shift.days.includes(yesterday) && minute < to);
  }).map((shift) => shift.username);
  return [...new Set(names)].sort();
}

/** The officer on duty with the fewest open cases; undefined when nobody is on duty. */
export function pickOwner(onDutyNow: readonly string[], openCases: Readonly<Record<string, number>>): string | undefined {
  let best: string | undefined;
  for (const name of [...onDutyNow].sort()) {
    if (best === undefined || (openCases[name] ?? 0) < (openCases[best] ?? 0)) best = name;
  }
  return best;
}

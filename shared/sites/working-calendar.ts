// The per-site working-day calendar and the complaint time limits (SLA) computed on it.
//
// National schedule: the State Council's holidays and the weekend days declared working days (调休), as
// shipped in the `chinese-days` package (data bundled in the package, no network). We read its JSON data
// file (shared/sites/national-schedule.ts), once, when the first calendar is made, rather than call its
// functions: those turn 'YYYY-MM-DD' into a UTC midnight and then read it with
// the host's local-time getters, so on a machine west of UTC every answer is a day off. Days here are
// plain 'YYYY-MM-DD' strings; weekdays are computed in UTC arithmetic, never in the host's zone.
//
// chinese-days 1.5.7 covers 2004–2026. A year it does not cover (2027 until the package is updated) is
// counted on weekends alone and every due date in it is flagged `provisional`, unless the site's
// override supplies that year's schedule and says so in `coversYears`.
//
// Rules (《医疗机构投诉管理办法》, see domain.md), decided here:
// - the day received is the calendar day of `receivedAt` in the site's time zone;
// - a limit of n working days is due on the n-th working day AFTER the day received: a complaint received
//   on a weekend or a holiday counts from that day, so the first working day after it is day 1;
// - the due moment is the end of the due day in the site's zone (23:59:59.999 local);
// - settled on the spot is due the day received (a limit of 0 working days means the same thing).
// The functions are pure apart from that one read; a calendar memoises one table per year it has been asked about.

import * as z from '../schemas/zod.ts';
import { readShippedFile } from '../platform/shipped-files.ts';
import { dayIn, isValidDay } from '../platform/time.ts';
import { NATIONAL_SCHEDULE } from './national-schedule.ts';

const DAY_MS = 86_400_000;
const MAX_WORKING_DAYS = 3_660;

const DaySchema = z.string().check(z.refine(isValidDay, { message: 'expected a calendar day YYYY-MM-DD' }));

/** A site's own closures and extra working days; they win over the national schedule. */
export const CalendarOverrideSchema = z
  .strictObject({
    /** Extra closed days (a local holiday, a closure), even if they fall on a weekday or a national make-up day. */
    holidays: z._default(z.array(DaySchema).check(z.maxLength(2_000)), []),
    /** Extra working days, even if they fall on a weekend or a national holiday. */
    workdays: z._default(z.array(DaySchema).check(z.maxLength(2_000)), []),
    /** Years whose national schedule this override supplies in full (a year the package does not cover yet). */
    coversYears: z._default(z.array(z.int().check(z.minimum(1970), z.maximum(9999))).check(z.maxLength(100)), []),
  })
  .check(z.refine(({ holidays, workdays }) => !holidays.some((day) => workdays.includes(day)), {
    message: 'a day cannot be both a closure and a working day',
    path: ['workdays'],
  }));
export type CalendarOverride = z.output<typeof CalendarOverrideSchema>;
export type CalendarOverrideInput = z.input<typeof CalendarOverrideSchema>;

/** Per-site time limits, in working days after the day received. */
export const SlaLimitsSchema = z
  .strictObject({
    acknowledgeWorkingDays: z.int().check(z.minimum(0), z.maximum(30)),
    investigationWorkingDays: z.int().check(z.minimum(0), z.maximum(60)),
    multiDepartmentWorkingDays: z.int().check(z.minimum(0), z.maximum(60)),
  })
  .check(z.refine((l) => l.acknowledgeWorkingDays <= l.investigationWorkingDays && l.investigationWorkingDays <= l.multiDepartmentWorkingDays, {
    message: 'limits must not shrink: acknowledge ≤ investigation ≤ multi-department',
  }));
export type SlaLimits = z.output<typeof SlaLimitsSchema>;

/** The national limits: acknowledge in 1 working day, respond in 5, or 10 when several departments are involved. */
export const DEFAULT_LIMITS: SlaLimits = Object.freeze({ acknowledgeWorkingDays: 1, investigationWorkingDays: 5, multiDepartmentWorkingDays: 10 });

// The package's data: { holidays: { 'YYYY-MM-DD': name }, workdays: { … }, inLieuDays: { … } }.
const NationalDataSchema = z.object({ holidays: z.record(z.string(), z.string()), workdays: z.record(z.string(), z.string()) });

interface National {
  readonly holidays: ReadonlySet<string>;
  readonly workdays: ReadonlySet<string>;
  readonly years: ReadonlySet<number>;
}

let national: National | undefined;
function nationalSchedule(): National {
  if (national === undefined) {
    const data = NationalDataSchema.parse(JSON.parse(readShippedFile(NATIONAL_SCHEDULE).toString('utf8')));
    const holidays = new Set(Object.keys(data.holidays));
    const workdays = new Set(Object.keys(data.workdays));
    const years = new Set([...holidays, ...workdays].map((day) => Number(day.slice(0, 4))));
    national = { holidays, workdays, years };
  }
  return national;
}

/** Years the bundled national schedule covers (2004–2026 for chinese-days 1.5.7). */
export function nationalYears(): number[] {
  return [...nationalSchedule().years].sort((a, b) => a - b);
}

export interface WorkingCalendar {
  readonly override: CalendarOverride;
  /** Years whose holidays and make-up days are known: the package's years and those the override supplies. */
  readonly coveredYears: ReadonlySet<number>;
  readonly closures: ReadonlySet<string>;
  readonly extraWorkdays: ReadonlySet<string>;
}

interface YearTable {
  readonly start: number; // epoch day of 1 January
  readonly length: number;
  readonly working: Uint8Array;
  /** cumulative[i]: working days among days 0..i of the year. */
  readonly cumulative: Uint16Array;
}

const tables = new WeakMap<WorkingCalendar, Map<number, YearTable>>();

/** A calendar from the national schedule and a site's override (validated here). */
export function createWorkingCalendar(override: CalendarOverrideInput = {}): WorkingCalendar {
  const parsed = CalendarOverrideSchema.parse(override);
  const coveredYears = new Set([...nationalSchedule().years, ...parsed.coversYears]);
  return Object.freeze({ override: parsed, coveredYears, closures: new Set(parsed.holidays), extraWorkdays: new Set(parsed.workdays) });
}

/** The last moment of a calendar day in a zone, in UTC (…Z): how a due day becomes a due instant. */
export function endOfDayUtc(timeZone: string, day: string): string {
  return new Date(startOfDay(timeZone, toEpochDay(day) + 1) - 1).toISOString();
}

/** Whether some year from `fromDay` to `toDay` has a national schedule this calendar does not know: dates counted across it may move. */
export function spansUnknownYear(calendar: WorkingCalendar, fromDay: string, toDay: string): boolean {
  for (let year = yearOf(toEpochDay(fromDay)); year <= yearOf(toEpochDay(toDay)); year += 1) if (!calendar.coveredYears.has(year)) return true;
  return false;
}

/** Whether the national schedule of the year of `day` is known to this calendar. */
export function isScheduleKnown(calendar: WorkingCalendar, day: string): boolean {
  return calendar.coveredYears.has(yearOf(toEpochDay(day)));
}

export function isWorkingDay(calendar: WorkingCalendar, day: string): boolean {
  const epochDay = toEpochDay(day);
  const table = yearTable(calendar, yearOf(epochDay));
  return at(table.working, epochDay - table.start) === 1;
}

/** The n-th working day after `startDay` (n = 0: `startDay` itself, working or not). */
export function addWorkingDays(calendar: WorkingCalendar, startDay: string, n: number): string {
  if (!Number.isSafeInteger(n) || n < 0 || n > MAX_WORKING_DAYS) throw new RangeError(`working days must be an integer from 0 to ${MAX_WORKING_DAYS}, got ${n}`);
  let epochDay = toEpochDay(startDay);
  let remaining = n;
  while (remaining > 0) {
    epochDay += 1;
    const table = yearTable(calendar, yearOf(epochDay));
    if (at(table.working, epochDay - table.start) === 1) remaining -= 1;
  }
  return fromEpochDay(epochDay);
}

/** Working days d with fromDay < d ≤ toDay (negative when toDay is before fromDay). */
export function workingDaysBetween(calendar: WorkingCalendar, fromDay: string, toDay: string): number {
  const from = toEpochDay(fromDay);
  const to = toEpochDay(toDay);
  return to >= from ? countWorking(calendar, from, to) : -countWorking(calendar, to, from);
}

export interface DueDate {
  /** The due day, YYYY-MM-DD in the site's zone. */
  readonly day: string;
  /** End of the due day in the site's zone, ISO-8601 with the zone's offset, e.g. 2026-10-09T23:59:59.999+08:00. */
  readonly at: string;
  /** The same instant in UTC (…Z): sorts as text, for keys and comparisons with `new Date().toISOString()`. */
  readonly atUtc: string;
  readonly workingDays: number;
}

export interface SlaDueDates {
  readonly receivedDay: string;
  readonly timeZone: string;
  readonly onTheSpot: DueDate;
  readonly acknowledge: DueDate;
  readonly investigation: DueDate;
  readonly multiDepartment: DueDate;
  /** Some day counted lies in a year whose national holidays are not known: the dates may move. */
  readonly provisional: boolean;
}

const InstantSchema = z.iso.datetime({ offset: true });

/** Due dates of a complaint received at `receivedAt`, on the site's calendar, zone and limits. */
export function dueDates(calendar: WorkingCalendar, receivedAt: string, timeZone: string, limits: SlaLimits = DEFAULT_LIMITS): SlaDueDates {
  const received = parseInstant(receivedAt, 'receivedAt');
  const { acknowledgeWorkingDays, investigationWorkingDays, multiDepartmentWorkingDays } = SlaLimitsSchema.parse(limits);
  const receivedDay = dayIn(timeZone, new Date(received));
  const due = (workingDays: number): DueDate => {
    const day = addWorkingDays(calendar, receivedDay, workingDays);
    const end = startOfDay(timeZone, toEpochDay(day) + 1) - 1;
    return { day, at: isoInZone(timeZone, end), atUtc: new Date(end).toISOString(), workingDays };
  };
  const dates = { onTheSpot: due(0), acknowledge: due(acknowledgeWorkingDays), investigation: due(investigationWorkingDays), multiDepartment: due(multiDepartmentWorkingDays) };
  const lastDay = Object.values(dates).map(({ day }) => day).sort().at(-1) ?? receivedDay;
  return { receivedDay, timeZone, ...dates, provisional: spansUnknownYear(calendar, receivedDay, lastDay) };
}

/**
 * The share of the allowed working time that has passed: 0 when received, 1 at the due moment, above 1
 * once breached (the sla-monitor warns at 0.8 and escalates above 1).
 *
 * Granularity: working days, each counted as a whole calendar day of the site's zone and passing
 * linearly through that day (no working hours; the complaint office runs a 24-hour hotline). Weekends and
 * holidays stop the clock, and the day received is not counted, as in `dueDates`. So for 5 working days
 * the share is exactly 0.8 when the 5th working day begins. We chose this over whole days counted once
 * started or once ended because it is the only one of the three that reaches 1 exactly when `dueAt`
 * passes (so "≥ 1" means breached, with no second rule), and because it still gives the 80 % warning a
 * meaning for the 1-working-day acknowledgement (at 19:12 on the due day) where whole days jump 0 → 1.
 * When no working day lies in the allowance (settled on the spot: due the day received) the share is
 * plain clock time from the start of the day received to `dueAt`.
 */
export function elapsedShare(calendar: WorkingCalendar, receivedAt: string, dueAt: string, now: Date | string, timeZone: string): number {
  const received = parseInstant(receivedAt, 'receivedAt');
  const due = parseInstant(dueAt, 'dueAt');
  const nowMs = typeof now === 'string' ? parseInstant(now, 'now') : now.getTime();
  if (Number.isNaN(nowMs)) throw new RangeError('now is not a valid instant');
  const receivedDay = toEpochDay(dayIn(timeZone, new Date(received)));
  const dueDay = toEpochDay(dayIn(timeZone, new Date(due)));
  const today = toEpochDay(dayIn(timeZone, new Date(nowMs)));
  if (dueDay < receivedDay) throw new RangeError('dueAt is before the day received');
  if (today < receivedDay) return 0;

  const dayFraction = (epochDay: number): number => {
    const start = startOfDay(timeZone, epochDay);
    return Math.min(1, Math.max(0, (nowMs - start) / (startOfDay(timeZone, epochDay + 1) - start)));
  };
  const isWorking = (epochDay: number): boolean => {
    const table = yearTable(calendar, yearOf(epochDay));
    return at(table.working, epochDay - table.start) === 1;
  };
  const allowed = countWorking(calendar, receivedDay, dueDay);
  if (allowed === 0) {
    // Settled-on-the-spot (due the day received) or a due day with no working day before it: the
    // allowance is plain clock time from the start of the day received to the due moment.
    const start = startOfDay(timeZone, receivedDay);
    return Math.max(0, (nowMs - start) / (due + 1 - start));
  }
  // Working time passed after the day received: whole working days before today, plus today's part.
  const passed = today === receivedDay ? 0 : countWorking(calendar, receivedDay, today - 1) + (isWorking(today) ? dayFraction(today) : 0);
  return passed / allowed;
}

// ---- internals -------------------------------------------------------------------------------------

function parseInstant(value: string, name: string): number {
  if (!InstantSchema.safeParse(value).success) throw new RangeError(`${name} must be an ISO-8601 instant with a zone offset, got ${JSON.stringify(value)}`);
  return new Date(value).getTime();
}

function toEpochDay(day: string): number {
  if (!isValidDay(day)) throw new RangeError(`expected a calendar day YYYY-MM-DD, got ${JSON.stringify(day)}`);
  return Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) / DAY_MS;
}

const fromEpochDay = (epochDay: number): string => new Date(epochDay * DAY_MS).toISOString().slice(0, 10);
const yearOf = (epochDay: number): number => new Date(epochDay * DAY_MS).getUTCFullYear();

function at(array: Uint8Array | Uint16Array, index: number): number {
  const value = array[index];
  if (value === undefined) throw new RangeError(`day index ${index} outside its year table`);
  return value;
}

function yearTable(calendar: WorkingCalendar, year: number): YearTable {
  let byYear = tables.get(calendar);
  if (byYear === undefined) {
    byYear = new Map();
    tables.set(calendar, byYear);
  }
  const cached = byYear.get(year);
  if (cached !== undefined) return cached;

  const { holidays, workdays } = nationalSchedule();
  const start = Date.UTC(year, 0, 1) / DAY_MS;
  const length = Date.UTC(year + 1, 0, 1) / DAY_MS - start;
  const working = new Uint8Array(length);
  const cumulative = new Uint16Array(length);
  let count = 0;
  for (let i = 0; i < length; i += 1) {
    const day = fromEpochDay(start + i);
    const weekday = (((start + i + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday; 0 = Sunday
    const isWorking = calendar.closures.has(day) ? false : calendar.extraWorkdays.has(day) ? true : holidays.has(day) ? false : workdays.has(day) ? true : weekday >= 1 && weekday <= 5;
    working[i] = isWorking ? 1 : 0;
    count += isWorking ? 1 : 0;
    cumulative[i] = count;
  }
  const table = { start, length, working, cumulative };
  byYear.set(year, table);
  return table;
}

/** Working days d with from < d ≤ to, for from ≤ to (epoch days). */
function countWorking(calendar: WorkingCalendar, from: number, to: number): number {
  let total = 0;
  let day = from + 1;
  while (day <= to) {
    const table = yearTable(calendar, yearOf(day));
    const first = day - table.start;
    const last = Math.min(table.length - 1, to - table.start);
    total += at(table.cumulative, last) - (first > 0 ? at(table.cumulative, first - 1) : 0);
    day = table.start + last + 1;
  }
  return total;
}

const partFormatters = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock fields of an instant in a zone, read as if they were UTC (ms). */
function wallClockMs(timeZone: string, instant: number): number {
  let formatter = partFormatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    partFormatters.set(timeZone, formatter);
  }
  const parts = formatter.formatToParts(new Date(instant));
  const field = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((part) => part.type === type)?.value ?? Number.NaN);
  const ms = ((instant % 1000) + 1000) % 1000;
  return Date.UTC(field('year'), field('month') - 1, field('day'), field('hour'), field('minute'), field('second'), ms);
}

const offsetMs = (timeZone: string, instant: number): number => wallClockMs(timeZone, instant) - instant;

/** The first instant of a day (epoch day) in a zone. Two passes settle the offset around a DST change. */
function startOfDay(timeZone: string, epochDay: number): number {
  const wall = epochDay * DAY_MS;
  const guess = wall - offsetMs(timeZone, wall);
  return wall - offsetMs(timeZone, guess);
}

/** An instant as local ISO-8601 with the zone's offset: 2026-10-09T23:59:59.999+08:00. */
function isoInZone(timeZone: string, instant: number): string {
  const offset = Math.round(offsetMs(timeZone, instant) / 60_000);
  const local = new Date(instant + offset * 60_000).toISOString().slice(0, 23);
  const sign = offset < 0 ? '-' : '+';
  const hours = String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0');
  const minutes = String(Math.abs(offset) % 60).padStart(2, '0');
  return `${local}${sign}${hours}:${minutes}`;
}

/** An instant as the zone's wall clock, `YYYY-MM-DDTHH:mm`: what a form's `datetime-local` field shows. */
export function wallClockIn(timeZone: string, instant: Date | string): string {
  return isoInZone(timeZone, new Date(instant).getTime()).slice(0, 16);
}

const WALL_CLOCK = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/**
 * A wall-clock time typed in a form (`datetime-local`, which carries no zone) read in the site's zone,
 * as ISO-8601 with the zone's offset; undefined when it is not such a time. Two passes settle the offset.
 */
export function wallClockToInstant(timeZone: string, local: string): string | undefined {
  const match = WALL_CLOCK.exec(local);
  if (match === null) return undefined;
  const [year, month, day, hour, minute] = match.slice(1).map(Number);
  const wall = Date.UTC(year ?? 0, (month ?? 1) - 1, day ?? 1, hour ?? 0, minute ?? 0);
  if (Number.isNaN(wall) || new Date(wall).toISOString().slice(0, 16) !== local) return undefined;
  const guess = wall - offsetMs(timeZone, wall);
  return isoInZone(timeZone, wall - offsetMs(timeZone, guess));
}

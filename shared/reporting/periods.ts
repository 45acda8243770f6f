import { isValidDay } from '../platform/time.ts';

// Report periods, as calendar days in the site's zone. Weeks run Monday to Sunday (the digest goes out on
// Monday for the week before); months and quarters are calendar ones.

export const PERIOD_KINDS = ['week', 'month', 'quarter', 'year', 'custom'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export interface Period {
  readonly kind: PeriodKind;
  readonly from: string;
  readonly to: string;
}

const DAY_MS = 86_400_000;
const toMs = (day: string): number => Date.parse(`${day}T00:00:00Z`);
const fromMs = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

export const shiftDay = (day: string, days: number): string => fromMs(toMs(day) + days * DAY_MS);
export const daysIn = (from: string, to: string): number => Math.round((toMs(to) - toMs(from)) / DAY_MS) + 1;

/** The Monday of the week `day` falls in. */
export function mondayOf(day: string): string {
  const weekday = new Date(toMs(day)).getUTCDay();
  return shiftDay(day, -((weekday + 6) % 7));
}

export const monthStart = (day: string): string => `${day.slice(0, 7)}-01`;
export const monthEnd = (day: string): string => shiftDay(monthStart(shiftDay(monthStart(day), 32)), -1);
export const addMonths = (month: string, n: number): string => {
  const [year = 0, monthNumber = 1] = month.split('-').map(Number);
  const date = new Date(Date.UTC(year, monthNumber - 1 + n, 1));
  return date.toISOString().slice(0, 7);
};

/** The months from `from` to `to` (yyyy-mm), inclusive. */
export function monthsFrom(from: string, to: string): string[] {
  const months: string[] = [];
  for (let month = from; month <= to; month = addMonths(month, 1)) months.push(month);
  return months;
}

/** The period so far that contains `today` (the dashboard's "this week", "this month", ...). */
export function currentPeriod(kind: Exclude<PeriodKind, 'custom'>, today: string): Period {
  switch (kind) {
    case 'week': return { kind, from: mondayOf(today), to: today };
    case 'month': return { kind, from: monthStart(today), to: today };
    case 'quarter': {
      const month = Number(today.slice(5, 7));
      const first = String(month - ((month - 1) % 3)).padStart(2, '0');
      return { kind, from: `${today.slice(0, 4)}-${first}-01`, to: today };
    }
    case 'year': return { kind, from: `${today.slice(0, 4)}-01-01`, to: today };
  }
}

/** The whole week or month before the one `day` falls in: what the digest sent on `day` reports. */
export function previousPeriod(kind: 'week' | 'month', day: string): Period {
  if (kind === 'week') {
    const from = shiftDay(mondayOf(day), -7);
    return { kind, from, to: shiftDay(from, 6) };
  }
  const from = `${addMonths(day.slice(0, 7), -1)}-01`;
  return { kind, from, to: monthEnd(from) };
}

/** The period's label in keys and subjects: 2026-W48 for a week, 2026-11 for a month. */
export function periodLabel(period: Period): string {
  if (period.kind === 'month' && period.from.endsWith('-01') && period.to === monthEnd(period.from)) return period.from.slice(0, 7);
  if (period.kind === 'week') return `${isoWeekYear(period.from)}-W${String(isoWeek(period.from)).padStart(2, '0')}`;
  return `${period.from}..${period.to}`;
}

function isoWeekThursday(day: string): Date {
  return new Date(toMs(shiftDay(mondayOf(day), 3)));
}
const isoWeekYear = (day: string): number => isoWeekThursday(day).getUTCFullYear();
function isoWeek(day: string): number {
  const thursday = isoWeekThursday(day);
  const firstThursday = isoWeekThursday(`${thursday.getUTCFullYear()}-01-04`);
  return Math.round((thursday.getTime() - firstThursday.getTime()) / (7 * DAY_MS)) + 1;
}

/** A custom period, checked: real days, in order, at most two years. */
export function customPeriod(from: string, to: string): Period | undefined {
  if (!isValidDay(from) || !isValidDay(to) || from > to || daysIn(from, to) > 731) return undefined;
  return { kind: 'custom', from, to };
}

/** The trend's grain: weeks for a week or a month, months for longer periods. */
export const trendGrain = (period: Period): 'week' | 'month' => (daysIn(period.from, period.to) <= 31 ? 'week' : 'month');

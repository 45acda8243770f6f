import { isValidDay } from '../platform/time.ts';

// Whether a year's list of national holidays and make-up working days looks like one the State Council
// publishes, before a site's calendar says it covers that year (and due dates across it stop being
// provisional). The bounds come from every year chinese-days holds (2004–2026): 22–33 days off, 5–12
// make-up days (all on a Saturday or Sunday), 248–252 working days, New Year's Day and National Day off,
// and the Spring Festival a run of days off between 15 January and the end of February. The bounds are a
// little wider than those years, so a real new year passes and a typo (a wrong year, a missing holiday,
// a make-up day on a weekday) does not.

const BOUNDS = { holidays: [18, 40], workdays: [0, 14], working: [244, 256], springRun: 3 } as const;

const weekday = (day: string) => new Date(`${day}T00:00:00Z`).getUTCDay();
const isWeekend = (day: string) => weekday(day) === 0 || weekday(day) === 6;
const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** What looks wrong with `year`'s list, in words naming the day or count; empty when it is plausible. */
export function yearProblems(year: number, holidays: readonly string[], workdays: readonly string[]): string[] {
  const inYear = (day: string) => isValidDay(day) && day.startsWith(`${year}-`);
  const off = new Set(holidays.filter(inYear));
  const on = new Set(workdays.filter(inYear));
  const problems: string[] = [];
  const [minOff, maxOff] = BOUNDS.holidays;
  if (off.size < minOff || off.size > maxOff) problems.push(`${year}: ${off.size} days off listed; a year has ${minOff}–${maxOff}`);
  const [, maxOn] = BOUNDS.workdays;
  if (on.size > maxOn) problems.push(`${year}: ${on.size} make-up working days listed; a year has at most ${maxOn}`);
  for (const day of on) if (!isWeekend(day)) problems.push(`${year}: make-up working day ${day} is not a Saturday or Sunday`);
  if (!off.has(`${year}-01-01`)) problems.push(`${year}: New Year's Day (${year}-01-01) is not a day off`);
  if (!off.has(`${year}-10-01`)) problems.push(`${year}: National Day (${year}-10-01) is not a day off`);
  let longest = 0;
  let run = 0;
  for (let day = `${year}-01-15`; day <= `${year}-02-28`; day = nextDay(day)) {
    run = off.has(day) ? run + 1 : isWeekend(day) && run > 0 ? run + 1 : 0;
    longest = Math.max(longest, run);
  }
  if (longest < BOUNDS.springRun) problems.push(`${year}: no Spring Festival holiday between ${year}-01-15 and ${year}-02-28`);
  let working = 0;
  for (let day = `${year}-01-01`; day.startsWith(`${year}-`); day = nextDay(day)) {
    if (on.has(day) || (!off.has(day) && !isWeekend(day))) working += 1;
  }
  const [minWorking, maxWorking] = BOUNDS.working;
  if (working < minWorking || working > maxWorking) problems.push(`${year}: ${working} working days; a year has ${minWorking}–${maxWorking}`);
  return problems;
}

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fc, test } from '@fast-check/vitest';
import { afterAll, describe, expect, it } from 'vitest';
import { NATIONAL_SCHEDULE } from '../../../shared/sites/national-schedule.ts';
import { bundleFunction } from '../../../infra/bundling.ts';
import {
  addWorkingDays,
  CalendarOverrideSchema,
  createWorkingCalendar,
  DEFAULT_LIMITS,
  dueDates,
  elapsedShare,
  isScheduleKnown,
  isWorkingDay,
  nationalYears,
  SlaLimitsSchema,
  workingDaysBetween,
} from '../../../shared/sites/working-calendar.ts';

// The working-day calendar on real dates. 2026: 国务院办公厅关于2026年部分节假日安排的通知
// (https://www.gov.cn/zhengce/zhengceku/202511/content_7047091.htm), as shipped in chinese-days 1.5.7:
//   元旦 1月1日(四)–3日(六), 1月4日(日)上班 · 春节 2月15日(日)–23日(一), 2月14日(六)、28日(六)上班
//   清明 4月4日(六)–6日(一) · 劳动节 5月1日(五)–5日(二), 5月9日(六)上班 · 端午 6月19日(五)–21日(日)
//   中秋 9月25日(五)–27日(日) · 国庆 10月1日(四)–7日(三), 9月20日(日)、10月10日(六)上班
// 2027 is not in chinese-days 1.5.7 (it stops at 2026), so 2027 is tested through a site override.

const TZ = 'Asia/Shanghai';
const national = createWorkingCalendar();

const plus = (day: string, n: number) => addWorkingDays(national, day, n);

describe('the national 2026 schedule', () => {
  it('closes exactly the official weekdays and opens exactly the official make-up weekend days', () => {
    const closedWeekdays: string[] = [];
    const workingWeekends: string[] = [];
    for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2027, 0, 1); t += 86_400_000) {
      const day = new Date(t).toISOString().slice(0, 10);
      const weekend = [0, 6].includes(new Date(t).getUTCDay());
      const working = isWorkingDay(national, day);
      if (!weekend && !working) closedWeekdays.push(day);
      if (weekend && working) workingWeekends.push(day);
    }

    expect(closedWeekdays).toEqual([
      '2026-01-01', '2026-01-02',
      '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-23',
      '2026-04-06',
      '2026-05-01', '2026-05-04', '2026-05-05',
      '2026-06-19',
      '2026-09-25',
      '2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07',
    ]);
    expect(workingWeekends).toEqual(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']);
  });

  it('knows 2004–2026 and not 2027 (replace the 2027 fixture below with the official notice when the package has it)', () => {
    expect(nationalYears()[0]).toBe(2004);
    expect(nationalYears().at(-1)).toBe(2026);
    expect(isScheduleKnown(national, '2026-12-31')).toBe(true);
    expect(isScheduleKnown(national, '2027-01-01')).toBe(false);
  });
});

describe('addWorkingDays across each 2026 holiday (+1 acknowledge, +5 investigation, +10 several departments)', () => {
  it.each([
    ['New Year, received Wed 2025-12-31', '2025-12-31', '2026-01-04', '2026-01-08', '2026-01-15'],
    ['Spring Festival, received Fri 2026-02-13', '2026-02-13', '2026-02-14', '2026-02-27', '2026-03-05'],
    ['Spring Festival, received on the make-up Sat 2026-02-14', '2026-02-14', '2026-02-24', '2026-02-28', '2026-03-06'],
    ['Spring Festival, received on the holiday Wed 2026-02-18', '2026-02-18', '2026-02-24', '2026-02-28', '2026-03-06'],
    ['Qingming, received Fri 2026-04-03', '2026-04-03', '2026-04-07', '2026-04-13', '2026-04-20'],
    ['Labour Day, received Thu 2026-04-30', '2026-04-30', '2026-05-06', '2026-05-11', '2026-05-18'],
    ['Labour Day, received on the make-up Sat 2026-05-09', '2026-05-09', '2026-05-11', '2026-05-15', '2026-05-22'],
    ['Dragon Boat, received Thu 2026-06-18', '2026-06-18', '2026-06-22', '2026-06-26', '2026-07-03'],
    ['Mid-Autumn + National Day, received on the make-up Sun 2026-09-20', '2026-09-20', '2026-09-21', '2026-09-28', '2026-10-10'],
    ['Mid-Autumn + National Day, received Thu 2026-09-24', '2026-09-24', '2026-09-28', '2026-10-09', '2026-10-15'],
    ['Mid-Autumn + National Day, received on the holiday Fri 2026-09-25', '2026-09-25', '2026-09-28', '2026-10-09', '2026-10-15'],
    ['National Day, received on the holiday Sun 2026-10-04', '2026-10-04', '2026-10-08', '2026-10-13', '2026-10-20'],
  ])('%s', (_name, received, one, five, ten) => {
    expect([plus(received, 1), plus(received, 5), plus(received, 10)]).toEqual([one, five, ten]);
    expect([workingDaysBetween(national, received, one), workingDaysBetween(national, received, five), workingDaysBetween(national, received, ten)]).toEqual([1, 5, 10]);
  });

  it('returns the day itself for 0 working days (settled on the spot), even on a holiday', () => {
    expect(plus('2026-10-01', 0)).toBe('2026-10-01');
  });

  it('counts between days both ways and not at all within a holiday', () => {
    expect(workingDaysBetween(national, '2026-09-30', '2026-10-09')).toBe(2);
    expect(workingDaysBetween(national, '2026-10-09', '2026-09-30')).toBe(-2);
    expect(workingDaysBetween(national, '2026-10-01', '2026-10-07')).toBe(0);
    expect(workingDaysBetween(national, '2026-05-09', '2026-05-09')).toBe(0);
  });

  it('refuses a malformed day or a negative count', () => {
    expect(() => plus('2026-02-30', 1)).toThrow(RangeError);
    expect(() => plus('2026-9-1', 1)).toThrow(RangeError);
    expect(() => plus('2026-09-01', -1)).toThrow(RangeError);
    expect(() => plus('2026-09-01', 1.5)).toThrow(RangeError);
  });
});

describe('dueDates', () => {
  it('gives the national limits from the day received, due at the end of the due day, site time', () => {
    // The prompt's example: received on Friday 2026-09-25 (itself the Mid-Autumn holiday).
    const due = dueDates(national, '2026-09-25T10:00:00+08:00', TZ);

    expect(due).toEqual({
      receivedDay: '2026-09-25',
      timeZone: TZ,
      onTheSpot: { day: '2026-09-25', at: '2026-09-25T23:59:59.999+08:00', atUtc: '2026-09-25T15:59:59.999Z', workingDays: 0 },
      acknowledge: { day: '2026-09-28', at: '2026-09-28T23:59:59.999+08:00', atUtc: '2026-09-28T15:59:59.999Z', workingDays: 1 },
      investigation: { day: '2026-10-09', at: '2026-10-09T23:59:59.999+08:00', atUtc: '2026-10-09T15:59:59.999Z', workingDays: 5 },
      multiDepartment: { day: '2026-10-15', at: '2026-10-15T23:59:59.999+08:00', atUtc: '2026-10-15T15:59:59.999Z', workingDays: 10 },
      provisional: false,
    });
  });

  it('counts from the Shanghai day when UTC is still the day before', () => {
    // 00:30 on Monday 28 September in Shanghai is still Sunday 27 September (a holiday) in UTC.
    const due = dueDates(national, '2026-09-27T16:30:00Z', TZ);

    expect(due.receivedDay).toBe('2026-09-28');
    expect(due.acknowledge.day).toBe('2026-09-29');
    expect(due.investigation.day).toBe('2026-10-10');
    expect(due.investigation.atUtc).toBe('2026-10-10T15:59:59.999Z');
    // Counted on UTC days it would have been due a day earlier.
    expect(plus('2026-09-27', 1)).toBe('2026-09-28');
  });

  it('counts a complaint phoned in at 00:30 on the make-up Saturday from that Saturday', () => {
    const due = dueDates(national, '2026-02-13T16:30:00Z', TZ);

    expect([due.receivedDay, due.acknowledge.day, due.investigation.day]).toEqual(['2026-02-14', '2026-02-24', '2026-02-28']);
  });

  it('uses a site’s tighter limits (3 and 5) and refuses limits that shrink', () => {
    const limits = SlaLimitsSchema.parse({ acknowledgeWorkingDays: 1, investigationWorkingDays: 3, multiDepartmentWorkingDays: 5 });
    const due = dueDates(national, '2026-09-24T09:00:00+08:00', TZ, limits);

    expect([due.investigation.day, due.multiDepartment.day]).toEqual(['2026-09-30', '2026-10-09']);
    expect(DEFAULT_LIMITS).toEqual({ acknowledgeWorkingDays: 1, investigationWorkingDays: 5, multiDepartmentWorkingDays: 10 });
    expect(SlaLimitsSchema.safeParse({ acknowledgeWorkingDays: 1, investigationWorkingDays: 10, multiDepartmentWorkingDays: 5 }).success).toBe(false);
    expect(() => dueDates(national, '2026-09-24T09:00:00+08:00', TZ, { ...DEFAULT_LIMITS, investigationWorkingDays: -1 })).toThrow();
  });

  it('flags dates that reach into a year whose holidays are unknown', () => {
    const due = dueDates(national, '2026-12-30T09:00:00+08:00', TZ);

    expect(due.provisional).toBe(true);
    // Without 2027 data, New Year's Day 2027 (a Friday) is counted as a working day: hence the flag.
    expect(due.acknowledge.day).toBe('2026-12-31');
    expect(due.investigation.day).toBe('2027-01-06');
  });

  it('refuses an instant without an offset and an unknown zone', () => {
    expect(() => dueDates(national, '2026-09-24', TZ)).toThrow(RangeError);
    expect(() => dueDates(national, '2026-09-24T09:00:00', TZ)).toThrow(RangeError);
    expect(() => dueDates(national, '2026-09-24T09:00:00Z', 'Mars/Olympus_Mons')).toThrow(RangeError);
  });

  it('writes the offset of other zones too', () => {
    expect(dueDates(national, '2026-09-24T09:00:00Z', 'UTC').acknowledge.at).toBe('2026-09-28T23:59:59.999+00:00');
    expect(dueDates(national, '2026-07-01T09:00:00Z', 'America/New_York').acknowledge.at).toBe('2026-07-02T23:59:59.999-04:00');
  });

  it('does not depend on the zone of the machine it runs on', () => {
    const before = process.env.TZ;
    const expected = dueDates(national, '2026-09-27T16:30:00Z', TZ);
    try {
      for (const zone of ['America/Los_Angeles', 'Pacific/Kiritimati', 'UTC']) {
        process.env.TZ = zone;
        expect(dueDates(createWorkingCalendar(), '2026-09-27T16:30:00Z', TZ)).toEqual(expected);
      }
    } finally {
      if (before === undefined) delete process.env.TZ;
      else process.env.TZ = before;
    }
  });
});

describe('a site override', () => {
  it('adds a closure, even on a national make-up day', () => {
    const closedTuesday = createWorkingCalendar({ holidays: ['2026-09-29'] });
    const closedMakeUpSaturday = createWorkingCalendar({ holidays: ['2026-10-10'] });

    expect(isWorkingDay(closedTuesday, '2026-09-29')).toBe(false);
    expect(addWorkingDays(closedTuesday, '2026-09-24', 5)).toBe('2026-10-10');
    expect(addWorkingDays(closedMakeUpSaturday, '2026-09-24', 10)).toBe('2026-10-16');
  });

  it('adds a working day, even on a national holiday', () => {
    const worksOnOctober3 = createWorkingCalendar({ workdays: ['2026-10-03'] });

    expect(addWorkingDays(worksOnOctober3, '2026-09-24', 5)).toBe('2026-10-08');
    expect(workingDaysBetween(worksOnOctober3, '2026-09-30', '2026-10-09')).toBe(3);
  });

  it('is validated: real days, no day both closed and working', () => {
    expect(CalendarOverrideSchema.safeParse({ holidays: ['2026-02-30'], workdays: [] }).success).toBe(false);
    expect(CalendarOverrideSchema.safeParse({ holidays: ['2026-10-03'], workdays: ['2026-10-03'] }).success).toBe(false);
    expect(CalendarOverrideSchema.parse({})).toEqual({ holidays: [], workdays: [], coversYears: [] });
    expect(() => createWorkingCalendar({ workdays: ['10/03/2026'] })).toThrow();
  });

  // A FIXTURE shaped like a State Council notice, NOT the official 2027 schedule (unpublished in the package
  // at 1.5.7): it shows how a site fills a year the package does not cover. The statutory days (元旦 1 Jan;
  // 除夕 2027-02-05 to 初三 2027-02-08) are in it; the bridging days and the make-up Sunday are invented.
  const with2027 = createWorkingCalendar({
    coversYears: [2027],
    holidays: ['2027-01-01', '2027-01-02', '2027-01-03', ...['05', '06', '07', '08', '09', '10', '11', '12', '13'].map((d) => `2027-02-${d}`)],
    workdays: ['2027-02-14'],
  });

  it('fills 2027: New Year and Spring Festival are skipped, the make-up Sunday counts, nothing is provisional', () => {
    const newYear = dueDates(with2027, '2026-12-31T09:00:00+08:00', TZ);
    const springFestival = dueDates(with2027, '2027-02-04T09:00:00+08:00', TZ);

    expect([newYear.acknowledge.day, newYear.investigation.day, newYear.multiDepartment.day, newYear.provisional]).toEqual(['2027-01-04', '2027-01-08', '2027-01-15', false]);
    expect([springFestival.acknowledge.day, springFestival.investigation.day, springFestival.multiDepartment.day, springFestival.provisional]).toEqual(['2027-02-14', '2027-02-18', '2027-02-25', false]);
    // The same complaint on the bare package calendar: due on the first day of the holiday, and flagged.
    expect(dueDates(national, '2027-02-04T09:00:00+08:00', TZ)).toMatchObject({ acknowledge: { day: '2027-02-05' }, provisional: true });
  });
});

describe('elapsedShare (the 80 % warning and the breach)', () => {
  // Received Monday 21 September 2026 at 10:00 in Shanghai; 5 working days: 22, 23, 24, 28, 29 September.
  const receivedAt = '2026-09-21T10:00:00+08:00';
  const due = dueDates(national, receivedAt, TZ);
  const share = (now: string, dueAt = due.investigation.at) => elapsedShare(national, receivedAt, dueAt, now, TZ);

  it('is due at the end of Tuesday 29 September', () => {
    expect(due.investigation.at).toBe('2026-09-29T23:59:59.999+08:00');
  });

  it('is 0 % when received and for the rest of the day received', () => {
    expect(share(receivedAt)).toBe(0);
    expect(share('2026-09-21T23:59:59+08:00')).toBe(0);
  });

  it('stops over the Mid-Autumn holiday', () => {
    expect(share('2026-09-25T00:00:00+08:00')).toBeCloseTo(0.6, 12);
    expect(share('2026-09-27T18:00:00+08:00')).toBeCloseTo(0.6, 12);
    expect(share('2026-09-28T12:00:00+08:00')).toBeCloseTo(0.7, 12);
  });

  it('reaches 80 % when the last working day begins', () => {
    expect(share('2026-09-28T23:59:59+08:00')).toBeLessThan(0.8);
    expect(share('2026-09-29T00:00:00+08:00')).toBeCloseTo(0.8, 12);
  });

  it('reaches 100 % exactly when the due moment passes', () => {
    expect(share(due.investigation.at)).toBeLessThan(1);
    expect(share('2026-09-30T00:00:00+08:00')).toBe(1);
  });

  it('goes above 100 % after the due moment, and holds over the National Day holiday', () => {
    expect(share('2026-10-01T00:00:00+08:00')).toBeCloseTo(1.2, 12);
    expect(share('2026-10-07T23:00:00+08:00')).toBeCloseTo(1.2, 12);
    expect(share('2026-10-08T12:00:00+08:00')).toBeCloseTo(1.3, 12);
  });

  it('gives the 1-working-day acknowledgement a warning on its due day', () => {
    expect(share('2026-09-22T19:12:00+08:00', due.acknowledge.at)).toBeCloseTo(0.8, 9);
    expect(share('2026-09-23T00:00:00+08:00', due.acknowledge.at)).toBe(1);
  });

  it('measures settled-on-the-spot by clock time through the day received', () => {
    expect(share('2026-09-21T12:00:00+08:00', due.onTheSpot.at)).toBeCloseTo(0.5, 9);
    expect(share('2026-09-22T12:00:00+08:00', due.onTheSpot.at)).toBeGreaterThan(1);
  });

  it('is 0 before the day received and refuses a due date before it', () => {
    expect(share('2026-09-20T12:00:00+08:00')).toBe(0);
    expect(() => share('2026-09-22T12:00:00+08:00', '2026-09-18T23:59:59.999+08:00')).toThrow(RangeError);
  });
});

describe('properties', () => {
  const DAY = 86_400_000;
  const dayArb = fc.integer({ min: Date.UTC(2005, 0, 1) / DAY, max: Date.UTC(2027, 11, 31) / DAY }).map((e) => new Date(e * DAY).toISOString().slice(0, 10));
  const overrideArb = fc.record({ holidays: fc.uniqueArray(dayArb, { maxLength: 20 }), workdays: fc.uniqueArray(dayArb, { maxLength: 20 }) }).map(({ holidays, workdays }) => ({ holidays, workdays: workdays.filter((d) => !holidays.includes(d)) }));

  test.prop([dayArb, fc.integer({ min: 1, max: 60 }), overrideArb], { numRuns: 500 })(
    'addWorkingDays(d, n) is a working day strictly after d and n working days from it',
    (day, n, override) => {
      const calendar = createWorkingCalendar(override);
      const due = addWorkingDays(calendar, day, n);

      expect(isWorkingDay(calendar, due)).toBe(true);
      expect(due > day).toBe(true);
      expect(workingDaysBetween(calendar, day, due)).toBe(n);
      expect(workingDaysBetween(calendar, day, addWorkingDays(calendar, day, n - 1))).toBe(n - 1);
    },
  );

  test.prop([dayArb, fc.integer({ min: 1, max: 20 }), fc.integer({ min: 0, max: 40 * DAY }), fc.integer({ min: 0, max: 40 * DAY })], { numRuns: 300 })(
    'elapsedShare never goes back, and is ≥ 1 exactly when the due moment has passed',
    (day, n, a, b) => {
      const receivedAt = `${day}T09:30:00+08:00`;
      const dueAt = dueDates(national, receivedAt, TZ, { acknowledgeWorkingDays: 0, investigationWorkingDays: n, multiDepartmentWorkingDays: n }).investigation.at;
      const start = new Date(receivedAt).getTime();
      const early = new Date(start + Math.min(a, b));
      const late = new Date(start + Math.max(a, b));
      const shareAt = (now: Date) => elapsedShare(national, receivedAt, dueAt, now, TZ);

      expect(shareAt(late)).toBeGreaterThanOrEqual(shareAt(early));
      expect(shareAt(late) >= 1).toBe(late.getTime() > new Date(dueAt).getTime());
    },
  );
});

describe('the national schedule in a bundle', () => {
  const ROOT = join(import.meta.dirname, '..', '..', '..');
  const dir = mkdtempSync(join(tmpdir(), 'calendar-bundle-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('ships beside the bundle as the package\'s file, is read from there, and is named when missing', { timeout: 120_000 }, async () => {
    const out = join(dir, 'calendar');
    const { file } = await bundleFunction('shared/sites/working-calendar.ts', out);
    const script = `const c = await import(${JSON.stringify(file)}); const cal = c.createWorkingCalendar(); process.stdout.write(JSON.stringify([c.nationalYears().at(-1), c.addWorkingDays(cal, '2026-09-30', 1)]));`;

    expect(readdirSync(out).sort()).toEqual([NATIONAL_SCHEDULE.file, 'index.mjs']);
    expect(readFileSync(join(out, NATIONAL_SCHEDULE.file)).equals(readFileSync(join(ROOT, 'node_modules', NATIONAL_SCHEDULE.source)))).toBe(true);
    expect(readFileSync(file, 'utf8')).not.toContain('国庆节');
    // National Day: 1–7 October 2026 off, so the first working day after 30 September is 8 October.
    expect(JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }))).toEqual([nationalYears().at(-1), '2026-10-08']);
    rmSync(join(out, NATIONAL_SCHEDULE.file));
    expect(() => execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', stdio: 'pipe' })).toThrow(/chinese-days\.json is neither beside the bundle nor installed/);
  });
});

import nationalJson from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { yearProblems } from '../../../shared/administration/calendar-check.ts';
import { settingsProblems, type SiteSettings } from '../../../shared/administration/site-settings.ts';
import { DEMO_COMPLAINT_SETTINGS, DEMO_DEPARTMENTS, DEMO_SITE } from '../../../infra/local/demo-site.ts';

// A year's holidays are checked before a site's calendar may say it covers the year: every year the
// State Council published passes; typical mistakes do not.

const national = z.object({ holidays: z.record(z.string(), z.string()), workdays: z.record(z.string(), z.string()) }).parse(nationalJson);
const listOf = (year: number) => ({
  holidays: Object.keys(national.holidays).filter((d) => d.startsWith(`${year}-`)),
  workdays: Object.keys(national.workdays).filter((d) => d.startsWith(`${year}-`)),
});

describe('the plausibility of a year\'s holidays', () => {
  it('passes every published year from 2004 to 2026', () => {
    for (let year = 2004; year <= 2026; year += 1) {
      const { holidays, workdays } = listOf(year);
      expect(yearProblems(year, holidays, workdays), String(year)).toEqual([]);
    }
  });

  it('refuses a list typed for the wrong year, one missing National Day, a make-up day on a weekday, and a year with too few days off', () => {
    const { holidays, workdays } = listOf(2026);
    expect(yearProblems(2027, holidays, workdays).join('; ')).toMatch(/0 days off/);
    expect(yearProblems(2026, holidays.filter((d) => !d.startsWith('2026-10-0')), workdays).join('; ')).toMatch(/National Day/);
    expect(yearProblems(2026, holidays, [...workdays, '2026-03-04']).join('; ')).toMatch(/2026-03-04 is not a Saturday or Sunday/);
    expect(yearProblems(2026, ['2026-01-01', '2026-10-01'], []).join('; ')).toMatch(/days off listed.*Spring Festival|Spring Festival|days off/);
  });
});

describe('settings checked across fields', () => {
  const settings: SiteSettings = {
    site: { name: DEMO_SITE.name, nameEn: DEMO_SITE.nameEn, timeZone: DEMO_SITE.timeZone, minResponses: 30, targets: DEMO_SITE.targets },
    departments: DEMO_DEPARTMENTS.map(({ siteId: _s, codeGeneration: _g, ...d }) => d),
    complaints: DEMO_COMPLAINT_SETTINGS,
  };
  const ids = DEMO_DEPARTMENTS.map((d) => d.departmentId);

  it('finds nothing wrong with the demo site', () => {
    expect(settingsProblems(settings, ids)).toEqual([]);
  });

  it('names the field of each problem: a removed department, a twice-listed one, an unknown handler or category, a zone, an implausible year', () => {
    const broken: SiteSettings = {
      ...settings,
      site: { ...settings.site, timeZone: 'Mars/Olympus' },
      departments: [...settings.departments.filter((d) => d.departmentId !== 'emergency'), { departmentId: 'cardiology-ward', name: '重复', nameEn: 'Again', kind: 'ward', surveyEnabled: true }],
      complaints: { ...settings.complaints, routing: [{ category: 'gossip', handler: 'finance' }, { category: 'billing', departmentId: 'moon-ward', handler: 'nobody' }], calendar: { holidays: ['2027-01-01'], workdays: [], coversYears: [2026, 2027] } },
    };
    const paths = settingsProblems(broken, ids).map((p) => p.path);
    expect(paths).toEqual(expect.arrayContaining([
      'departments', `departments.${broken.departments.length - 1}.departmentId`, 'complaints.routing.0.category', 'complaints.routing.1.departmentId', 'complaints.routing.1.handler',
      'site.timeZone', 'complaints.calendar.coversYears.1',
    ]));
    // 2026 is the package's: no list needed for it.
    expect(paths).not.toContain('complaints.calendar.coversYears.0');
  });
});

import { describe, expect, it } from 'vitest';
import { bestAndWorst, proRata, rankUnits, type UnitRow } from '../../../shared/reporting/manager-report.ts';
import { currentPeriod, customPeriod, periodLabel, previousPeriod, trendGrain } from '../../../shared/reporting/periods.ts';
import { surveyFigures } from '../../../shared/reporting/survey-figures.ts';
import { withoutIdentifiers } from '../../../shared/storage/recent-comments.ts';

const row = (id: string, n: number, positive: number, minimum = 30): UnitRow => ({
  id, name: id, nameEn: id, siteId: 'demo', complaints: 0,
  surveys: surveyFigures({ survey_n: n, survey_overall_good: positive, survey_overall_poor: n - positive }, minimum),
});

describe('report periods', () => {
  it('reports the whole week (Monday to Sunday) and the whole month before the day the digest goes out', () => {
    expect(previousPeriod('week', '2026-11-09')).toEqual({ kind: 'week', from: '2026-11-02', to: '2026-11-08' });
    expect(previousPeriod('week', '2026-11-15')).toEqual({ kind: 'week', from: '2026-11-02', to: '2026-11-08' });
    expect(previousPeriod('month', '2026-03-01')).toEqual({ kind: 'month', from: '2026-02-01', to: '2026-02-28' });
    expect(previousPeriod('month', '2026-01-01')).toEqual({ kind: 'month', from: '2025-12-01', to: '2025-12-31' });
  });

  it('labels weeks by ISO week and whole months by month', () => {
    expect(periodLabel(previousPeriod('week', '2026-11-09'))).toBe('2026-W45');
    expect(periodLabel(previousPeriod('week', '2026-01-05'))).toBe('2026-W01');
    expect(periodLabel(previousPeriod('month', '2026-12-01'))).toBe('2026-11');
  });

  it('takes this week, month, quarter and year so far, and refuses a custom period out of order or over two years', () => {
    expect(currentPeriod('week', '2026-12-03')).toEqual({ kind: 'week', from: '2026-11-30', to: '2026-12-03' });
    expect(currentPeriod('quarter', '2026-12-03')).toEqual({ kind: 'quarter', from: '2026-10-01', to: '2026-12-03' });
    expect(currentPeriod('year', '2026-12-03').from).toBe('2026-01-01');
    expect(customPeriod('2026-05-02', '2026-05-01')).toBeUndefined();
    expect(customPeriod('2024-01-01', '2026-12-31')).toBeUndefined();
    expect(customPeriod('2026-02-30', '2026-03-01')).toBeUndefined();
    expect(trendGrain({ kind: 'month', from: '2026-01-01', to: '2026-01-31' })).toBe('week');
    expect(trendGrain({ kind: 'quarter', from: '2026-01-01', to: '2026-03-31' })).toBe('month');
  });
});

describe('ranking with the minimum-count rule', () => {
  it('ranks scored departments best first, puts those below the minimum last, and never lists one as both best and worst', () => {
    const rows = [row('a', 40, 38), row('b', 29, 29), row('c', 50, 40), row('d', 35, 30)];
    const ranked = rankUnits(rows);
    expect(ranked.map((r) => r.id)).toEqual(['a', 'd', 'c', 'b']);
    expect(ranked.at(-1)?.surveys).toMatchObject({ tooFewResponses: true, positiveRate: null });
    const { best, worst } = bestAndWorst(ranked, 3);
    expect(best.map((r) => r.id)).toEqual(['a', 'd']);
    expect(worst.map((r) => r.id)).toEqual(['c']);
    expect(bestAndWorst([row('x', 5, 5)], 3)).toEqual({ best: [], worst: [] });
  });

  it('prorates the yearly target by the days of the period', () => {
    expect(proRata(2000, 7)).toBe(38);
    expect(proRata(2000, 365)).toBe(2000);
    expect(proRata(2000, 30)).toBe(164);
  });
});

describe('comments in reports', () => {
  it('takes out phone, ID and bed numbers and e-mail addresses', () => {
    expect(withoutIdentifiers('请联系我 13800138000 或 wang@example.com，身份证 11010519491231002X')).toBe('请联系我 … 或 …，身份证 …');
    expect(withoutIdentifiers('等了 40 分钟')).toBe('等了 40 分钟');
  });
});

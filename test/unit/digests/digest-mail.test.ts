import { describe, expect, it } from 'vitest';
import { MailHeadersSchema } from '../../../shared/aws/ses.ts';
import { digestMessage, renderDigest } from '../../../shared/digests/digest-mail.ts';
import { duePeriod, unsubscribeToken, usernameOfToken } from '../../../shared/digests/send-digests.ts';
import type { ManagerReport } from '../../../shared/reporting/manager-report.ts';
import { surveyFigures } from '../../../shared/reporting/survey-figures.ts';
import { complaintFigures } from '../../../shared/reporting/complaint-figures.ts';
import { callbackFigures } from '../../../shared/reporting/callback-figures.ts';

const figures = surveyFigures({ survey_n: 48, survey_overall_very_good: 30, survey_overall_good: 12, survey_overall_poor: 6 }, 30);
const report: ManagerReport = {
  scope: { kind: 'site', id: 'demo', name: '示范区人民医院', nameEn: 'Demo Hospital', siteIds: ['demo'] },
  period: { kind: 'week', from: '2026-11-02', to: '2026-11-08', label: '2026-W45', timeZone: 'Asia/Shanghai', days: 7 },
  generatedAt: '2026-11-09T00:00:00Z',
  minResponses: 30,
  targets: { positiveRate: 0.9, waitWithin15Rate: 0.9, surveysPerYear: 2000 },
  surveys: figures,
  previous: surveyFigures({ survey_n: 40, survey_overall_good: 36, survey_overall_poor: 4 }, 30),
  volume: { n: 48, yearlyTarget: 2000, expected: 38, rate: 1.2632 },
  trend: { grain: 'week', points: [{ label: '2026-11-02', from: '2026-11-02', to: '2026-11-08', n: 48, positiveRate: 0.875 }] },
  departments: [], best: [], worst: [], services: [],
  complaints: { ...complaintFigures({ complaint_n: 2, complaint_category_waiting: 2 }), overdue: [{ id: 'c-1', siteId: 'demo', departmentId: 'emergency', departmentName: '急诊科', category: 'waiting', severity: 'medium', dueDay: '2026-11-06', daysOverdue: 3, safetySignal: false, url: 'https://feedback.example/admin/complaints/c-1' }], overdueMore: false, withoutComplaintThisYear: [], yearFrom: '2026-01-01' },
  callbacks: callbackFigures({ callback_discharged: 100, callback_attempted: 70, callback_reached: 55, callback_declined: 3, callback_unreachable: 12, callback_complaints: 1 }, 0.5),
  comments: [],
  links: { dashboard: 'https://feedback.example/admin?site=demo&period=week', complaints: 'https://feedback.example/admin/complaints?overdue=1', csv: 'https://feedback.example/admin/export.csv?site=demo' },
};
const input = { report, locale: 'zh-CN' as const, from: 'feedback@hospital.example', to: 'manager@hospital.example', unsubscribeUrl: 'https://feedback.example/digests/unsubscribe?t=manager.abc', linkCases: false };

describe('the digest mail', () => {
  it('opens with the figures against their targets in words a director reads in ten seconds', () => {
    const mail = renderDigest(input);
    expect(mail.subject).toBe('周报 · 示范区人民医院 · 2026-11-02–2026-11-08 · 满意率 87.5%');
    expect(mail.text).toContain('满意率 87.5%（目标 90.0%），比上周 ↓2.5；回复 48 份（应有 38 份）。');
    expect(mail.html).toContain('回访覆盖率');
    expect(mail.html).not.toMatch(/<script|<svg|<img|@font-face|<link|<style/iu);
    // A manager cannot open cases: the overdue case is named, not linked.
    expect(mail.html).not.toContain('/admin/complaints/c-1');
    expect(renderDigest({ ...input, linkCases: true }).html).toContain('href="https://feedback.example/admin/complaints/c-1"');
    expect(renderDigest({ ...input, locale: 'en' }).subject).toBe('Weekly digest · Demo Hospital · 2026-11-02–2026-11-08 · Satisfied 87.5%');
  });

  it('goes to SES with its HTML and text and the one-click unsubscribe headers, all in printable ASCII', () => {
    const message = digestMessage(input);
    expect(message).toMatchObject({ from: 'feedback@hospital.example', to: ['manager@hospital.example'], subject: renderDigest(input).subject, html: renderDigest(input).html, text: renderDigest(input).text });
    expect(message.headers).toEqual([
      { name: 'List-Unsubscribe', value: '<https://feedback.example/digests/unsubscribe?t=manager.abc>' },
      { name: 'List-Unsubscribe-Post', value: 'List-Unsubscribe=One-Click' },
      { name: 'Auto-Submitted', value: 'auto-generated' },
    ]);
    // As SES takes them (printable ASCII, a value up to 870 characters); a longer value is refused before sending.
    expect(MailHeadersSchema.safeParse(message.headers).success).toBe(true);
    expect(MailHeadersSchema.safeParse([{ name: 'List-Unsubscribe', value: `<https://feedback.example/${'x'.repeat(850)}>` }]).success).toBe(false);
    expect(MailHeadersSchema.safeParse([{ name: 'List:Unsubscribe', value: 'x' }]).success).toBe(false);
  });
});

describe('the digest schedule and its link', () => {
  it('is due from 08:00 on Monday (weekly) and on the 1st (monthly) in the site\'s zone, not before', () => {
    expect(duePeriod('week', 'Asia/Shanghai', new Date('2026-11-08T23:59:00Z'))).toBeUndefined(); // Monday 07:59
    expect(duePeriod('week', 'Asia/Shanghai', new Date('2026-11-09T00:00:00Z'))).toEqual({ kind: 'week', from: '2026-11-02', to: '2026-11-08' });
    expect(duePeriod('week', 'Asia/Shanghai', new Date('2026-11-09T16:00:00Z'))).toBeUndefined(); // Tuesday
    expect(duePeriod('month', 'Asia/Shanghai', new Date('2026-12-01T00:30:00Z'))).toEqual({ kind: 'month', from: '2026-11-01', to: '2026-11-30' });
    expect(duePeriod('month', 'Europe/London', new Date('2026-12-01T07:30:00Z'))).toBeUndefined();
  });

  it('signs the unsubscribe link to the user, and refuses one signed with another key or for someone else', () => {
    const key = Buffer.alloc(32, 1);
    const token = unsubscribeToken(key, 'manager');
    expect(usernameOfToken(key, token)).toBe('manager');
    expect(usernameOfToken(Buffer.alloc(32, 2), token)).toBeUndefined();
    expect(usernameOfToken(key, token.replace('manager', 'head'))).toBeUndefined();
    expect(usernameOfToken(key, 'nodot')).toBeUndefined();
  });
});

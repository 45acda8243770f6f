import { describe, expect, it } from 'vitest';
import { DEMO_COMPLAINT_SETTINGS } from '../../../infra/local/demo-site.ts';
import { surveyFollowUp, triageComplaint } from '../../../shared/complaints/triage.ts';
import { type ComplaintMessage, ComplaintMessageSchema } from '../../../shared/schemas/intake-message.ts';
import { surveyMessage, uuidFor } from '../../support/survey-messages.ts';

// What the worker makes of a complaint before it stores it: owner, handler, category, severity, due dates.

const KEY = Buffer.alloc(32, 9);

function complaint(overrides: Partial<ComplaintMessage> = {}, description = '门诊挂号收费窗口多收了我五十元，至今没有退。'): ComplaintMessage {
  return ComplaintMessageSchema.parse({
    kind: 'complaint', receivedAt: '2026-11-23T01:30:00.000Z', siteId: 'demo', departmentId: 'registration-billing', timeZone: 'Asia/Shanghai',
    trackingCode: 'ABCD-EFGH-JKLM-NPQR', channel: 'qr-page', enteredBy: 'patient', settledOnSpot: false, multiDepartment: false,
    ...overrides,
    complaint: { submissionId: uuidFor(1), description },
  });
}

describe('triage of a complaint', () => {
  it('gives a patient\'s complaint to the officer on duty with the fewest open cases, and routes it by category', () => {
    // Monday 09:30 in Shanghai: office and head are both on the day shift.
    const { record } = triageComplaint(complaint(), DEMO_COMPLAINT_SETTINGS, { office: 4, head: 1 });
    expect(record).toMatchObject({ owner: 'head', category: 'billing', handlerDepartmentId: 'finance', status: 'received', mailPending: true, version: 1 });
    expect(triageComplaint(complaint(), DEMO_COMPLAINT_SETTINGS, { office: 0, head: 1 }).record.owner).toBe('office');
  });

  it('gives the complaint to the officer who typed it in, whoever is on duty', () => {
    const { record } = triageComplaint(complaint({ enteredBy: 'user:wang', channel: 'hotline' }), DEMO_COMPLAINT_SETTINGS, { office: 0 });
    expect(record.owner).toBe('wang');
  });

  it('falls back to the office head when nobody is on duty', () => {
    const settings = { ...DEMO_COMPLAINT_SETTINGS, rota: DEMO_COMPLAINT_SETTINGS.rota.slice(0, 1) };
    // Sunday 10:00 in Shanghai: the only shift is a weekday one.
    const { record } = triageComplaint(complaint({ receivedAt: '2026-11-22T02:00:00.000Z' }), settings, {});
    expect(record.owner).toBe('head');
  });

  it('times the case on working days: 1 to acknowledge, 5 to answer, 10 when several departments are involved', () => {
    // Received Monday 2026-11-23 (Shanghai).
    const five = triageComplaint(complaint(), DEMO_COMPLAINT_SETTINGS, {}).record;
    expect(five.acknowledgeBy).toBe('2026-11-24T15:59:59.999Z');
    expect(five.dueAt).toBe('2026-11-30T15:59:59.999Z');
    expect(five.dueProvisional).toBeUndefined();
    const ten = triageComplaint(complaint({ multiDepartment: true }), DEMO_COMPLAINT_SETTINGS, {}).record;
    expect(ten.dueAt).toBe('2026-12-07T15:59:59.999Z');
    // Across National Day 2026 (1–7 October, holidays) the clock stops.
    const holiday = triageComplaint(complaint({ receivedAt: '2026-09-30T02:00:00.000Z' }), DEMO_COMPLAINT_SETTINGS, {}).record;
    expect(holiday.dueAt).toBe('2026-10-13T15:59:59.999Z');
    // A site's own limits win over the national ones.
    const strict = triageComplaint(complaint(), { ...DEMO_COMPLAINT_SETTINGS, limits: { acknowledgeWorkingDays: 1, investigationWorkingDays: 3, multiDepartmentWorkingDays: 10 } }, {}).record;
    expect(strict.dueAt).toBe('2026-11-26T15:59:59.999Z');
  });

  it('marks a due date in a year whose holidays are not published yet as provisional', () => {
    const { record } = triageComplaint(complaint({ receivedAt: '2026-12-28T02:00:00.000Z' }), DEMO_COMPLAINT_SETTINGS, {});
    expect(record.dueProvisional).toBe(true);
  });

  it('records a complaint settled on the spot as closed the day it came, with how it was settled', () => {
    const { record } = triageComplaint(complaint({ enteredBy: 'user:office', channel: 'walk-in', settledOnSpot: true, settlement: '当场退还多收的五十元' }), DEMO_COMPLAINT_SETTINGS, {});
    expect(record).toMatchObject({ status: 'closed', response: '当场退还多收的五十元', closedAt: '2026-11-23T01:30:00.000Z', dueAt: '2026-11-23T15:59:59.999Z' });
  });

  it('makes any safety signal critical, and keeps the words that decided it', () => {
    const { record } = triageComplaint(complaint({}, '收费员态度恶劣，还威胁说要找人打我。'), DEMO_COMPLAINT_SETTINGS, {});
    expect(record).toMatchObject({ severity: 'critical', safetySignal: true });
    expect(record.safetyKinds).toContain('violence');
    expect(record.terms).toContain('威胁');
  });

  it('keeps a possible signal off the alert: severity high, level possible, for the "please look now" list', () => {
    const { record } = triageComplaint(complaint({}, '那个保安说下班后在停车场等我'), DEMO_COMPLAINT_SETTINGS, {});
    expect(record).toMatchObject({ safetyLevel: 'possible', safetySignal: false, severity: 'high' });
  });

  it('alerts when the message says its comment was read as a signal, whatever its words score', () => {
    const { record } = triageComplaint(complaint({ safety: 'signal' }, '满意度调查留言。\n护士说要在门口等着我，让我小心点'), DEMO_COMPLAINT_SETTINGS, {});
    expect(record).toMatchObject({ safetyLevel: 'signal', safetySignal: true, severity: 'critical' });
  });
});

describe('follow-up cases from surveys', () => {
  it('opens one for a poor or very poor rating with a request to be contacted', () => {
    const followUp = surveyFollowUp(surveyMessage(5, { survey: { overall: 'poor', comment: '病房太吵', contact: { phone: '13800138000', consent: true } } }), KEY, 'none');
    expect(followUp).toMatchObject({ channel: 'survey-follow-up', enteredBy: 'survey', departmentId: 'cardiology-ward', complaint: { submissionId: uuidFor(5), contact: { phone: '13800138000', relation: 'patient' } } });
    expect(followUp?.complaint.description).toContain('病房太吵');
    expect(followUp?.trackingCode).toMatch(/^[A-HJ-NP-Z2-9]{4}(-[A-HJ-NP-Z2-9]{4}){3}$/);
    // The same survey always gives the same case.
    expect(surveyFollowUp(surveyMessage(5, { survey: { overall: 'poor', comment: '病房太吵', contact: { phone: '13800138000', consent: true } } }), KEY, 'none')).toEqual(followUp);
  });

  it('opens none for a poor rating without contact, or a good one', () => {
    expect(surveyFollowUp(surveyMessage(6, { survey: { overall: 'very_poor', comment: '太差了' } }), KEY, 'none')).toBeUndefined();
    expect(surveyFollowUp(surveyMessage(7, { survey: { overall: 'good', contact: { phone: '13800138000', consent: true } } }), KEY, 'none')).toBeUndefined();
  });

  it('opens one for a safety signal in the comment, whatever the rating, marked so it alerts', () => {
    const followUp = surveyFollowUp(surveyMessage(8, { survey: { overall: 'good', comment: '医生很好，但我真的不想活了' } }), KEY, 'signal');
    expect(followUp?.complaint.description).toContain('不想活');
    expect(followUp?.safety).toBe('signal');
  });

  it('opens none for a possible signal: it goes to the "please look now" list instead', () => {
    expect(surveyFollowUp(surveyMessage(9, { survey: { overall: 'good', comment: '护士说要在门口等着我' } }), KEY, 'possible')).toBeUndefined();
  });
});

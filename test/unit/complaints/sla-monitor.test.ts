import { DynamoDBDocumentClient, GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Mail } from '../../../shared/aws/ses.ts';
import { dueDates, elapsedShare } from '../../../shared/sites/working-calendar.ts';
import { DEMO_COMPLAINT_SETTINGS } from '../../../infra/local/demo-site.ts';
import { type ComplaintSettings, siteClock } from '../../../shared/complaints/settings.ts';
import { caseUrl } from '../../../shared/complaints/alerts.ts';
import { decideSla, planSla, runSlaMonitor, SLA_ACTOR, slaChange, slaMail, type SlaDecision } from '../../../shared/complaints/sla-monitor.ts';
import type { ComplaintRecord } from '../../../shared/schemas/complaint.ts';
import { keys } from '../../../shared/storage/keys.ts';
import { cancelled } from '../../support/transactions.ts';

// The SLA monitor's decisions on real 2026 dates (国务院办公厅 2026 holiday notice, as in chinese-days):
// 国庆 Oct 1 (Thu)–7 (Wed) closed; Sep 20 (Sun) and Oct 10 (Sat) are make-up working days.

const TZ = 'Asia/Shanghai';
const settings: ComplaintSettings = DEMO_COMPLAINT_SETTINGS;
const { calendar } = siteClock(settings);

/** A case received at `receivedAt` and acknowledged, due 5 working days later on the national calendar. */
function record(id: string, receivedAt: string, overrides: Partial<ComplaintRecord> = {}): ComplaintRecord {
  const due = dueDates(calendar, receivedAt, TZ);
  return {
    id, siteId: 'demo', departmentId: 'emergency', trackingCode: 'ABCD-EFGH-JKLM-NPQR', channel: 'hotline', enteredBy: 'user:office', settledOnSpot: false,
    multiDepartment: false, receivedAt, timeZone: TZ, description: '急诊等候太久，护士说话很冲', status: 'acknowledged', category: 'waiting', severity: 'low',
    safetySignal: false, safetyKinds: [], terms: [], handlerDepartmentId: 'patient-relations', owner: 'office', acknowledgeBy: due.acknowledge.atUtc,
    dueAt: due.investigation.atUtc, hasContact: true, mailPending: false, version: 1, ...overrides,
  };
}

// Received Monday 2026-11-02 09:00 in Shanghai: due Monday 11-09 (5 working days: 3, 4, 5, 6, 9 Nov).
// 80 % of the working time has passed when Friday 11-06 ends (4 of 5 working days), 16:00 UTC.
const november = record('c-nov', '2026-11-02T01:00:00.000Z');
const at = (iso: string) => new Date(iso);
const context = { from: 'feedback@hospital.example', departmentName: '急诊科 Emergency Department', caseUrl: caseUrl('http://127.0.0.1:3000/', 'c-nov') };

/** One run of the monitor over one case, as runSlaMonitor does it: decide, change, mail. */
function run(c: ComplaintRecord, now: Date): { record: ComplaintRecord; mail?: Mail; decision?: SlaDecision } {
  const decision = decideSla(c, calendar, now);
  if (decision === undefined) return { record: c };
  return { record: slaChange(decision, settings, now).record, mail: slaMail(decision, settings, context), decision };
}

describe('the SLA monitor\'s decision', () => {
  it('is due on the date the calendar gives', () => {
    expect(november.dueAt).toBe('2026-11-09T15:59:59.999Z');
  });

  it('does nothing before 80 % of the working time has passed', () => {
    expect(decideSla(november, calendar, at('2026-11-06T04:00:00.000Z'))).toBeUndefined(); // Friday noon: 3.5 of 5 days
    expect(decideSla(november, calendar, at('2026-11-06T15:59:59.000Z'))).toBeUndefined();
  });

  it('warns the owner once at 80 %, with the share and due date in the history and no complaint text in the mail', () => {
    const now = at('2026-11-06T16:00:00.000Z');
    const decision = decideSla(november, calendar, now);
    expect(decision).toMatchObject({ warn: true, escalate: false });
    expect(decision?.share).toBeCloseTo(0.8, 10);
    if (decision === undefined) throw new Error('no decision');

    const { record: warned, history } = slaChange(decision, settings, now);
    expect(warned).toMatchObject({ slaWarnedAt: now.toISOString(), version: 2 });
    expect(warned.slaEscalatedAt).toBeUndefined();
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ at: now.toISOString(), actor: SLA_ACTOR, change: 'sla-warning' });
    expect(history[0]?.reason).toContain('share 0.80');
    expect(history[0]?.reason).toContain('2026-11-09T15:59:59.999Z');

    const mail = slaMail(decision, settings, context);
    expect(mail.to).toEqual(['office@hospital.example']);
    expect(mail.cc).toBeUndefined();
    expect(mail.subject.indexOf('提醒')).toBeLessThan(mail.subject.indexOf('Reminder'));
    for (const expected of ['ABCD-EFGH-JKLM-NPQR', '急诊科 Emergency Department', '2026-11-09 23:59 (Asia/Shanghai)', 'http://127.0.0.1:3000/admin/complaints/c-nov']) expect(mail.text).toContain(expected);
    for (const leaked of ['急诊等候太久', '护士']) {
      expect(mail.text).not.toContain(leaked);
      expect(mail.html).not.toContain(leaked);
    }
  });

  it('does not warn again on the next runs, across the weekend, until the due date passes', () => {
    const warned = run(november, at('2026-11-06T16:00:00.000Z')).record;
    for (const now of ['2026-11-06T16:15:00.000Z', '2026-11-08T04:00:00.000Z', '2026-11-09T15:59:59.999Z']) {
      expect(decideSla(warned, calendar, at(now)), now).toBeUndefined();
    }
    // The weekend stops the clock: Saturday and Sunday stay at 80 %.
    expect(elapsedShare(calendar, november.receivedAt, november.dueAt, at('2026-11-08T15:00:00.000Z'), TZ)).toBeCloseTo(0.8, 10);
  });

  it('escalates once when the due date has passed, to the office head with the owner copied', () => {
    const warned = run(november, at('2026-11-06T16:00:00.000Z')).record;
    const now = at('2026-11-09T16:00:00.000Z');
    const escalation = run(warned, now);
    expect(escalation.decision).toMatchObject({ warn: false, escalate: true });
    expect(escalation.record).toMatchObject({ slaWarnedAt: '2026-11-06T16:00:00.000Z', slaEscalatedAt: now.toISOString(), version: 3 });
    expect(escalation.mail).toMatchObject({ to: ['head@hospital.example'], cc: ['office@hospital.example'] });
    expect(escalation.mail?.subject).toContain('OVERDUE');
    if (escalation.decision === undefined) throw new Error('no decision');
    expect(slaChange(escalation.decision, settings, now).history.map((h) => h.change)).toEqual(['sla-breach']);

    expect(decideSla(escalation.record, calendar, at('2026-11-09T16:15:00.000Z'))).toBeUndefined();
    expect(decideSla(escalation.record, calendar, at('2026-12-31T00:00:00.000Z'))).toBeUndefined();
  });

  it('gives a case never warned and already past due both marks, with one mail to the head, and says so in the history', () => {
    const now = at('2026-11-10T02:00:00.000Z');
    const plan = planSla([november], settings, now);
    expect(plan.decisions).toHaveLength(1);
    const [decision] = plan.decisions;
    if (decision === undefined) throw new Error('no decision');
    expect(decision).toMatchObject({ warn: true, escalate: true });
    const { record: changed, history } = slaChange(decision, settings, now);
    expect(changed).toMatchObject({ slaWarnedAt: now.toISOString(), slaEscalatedAt: now.toISOString(), version: 2 });
    expect(history.map((h) => h.change)).toEqual(['sla-warning', 'sla-breach']);
    expect(history[0]?.reason).toContain('no separate reminder');
    expect(slaMail(decision, settings, context)).toMatchObject({ to: ['head@hospital.example'], cc: ['office@hospital.example'] });
    expect(planSla([changed], settings, at('2026-11-10T02:15:00.000Z')).decisions).toEqual([]);
  });

  it('ignores closed and withdrawn cases, however late', () => {
    const now = at('2026-11-20T00:00:00.000Z');
    const plan = planSla([
      record('closed', november.receivedAt, { status: 'closed', outcome: 'substantiated', response: '已道歉', closedAt: '2026-11-05T00:00:00.000Z' }),
      record('withdrawn', november.receivedAt, { status: 'withdrawn' }),
      record('open', november.receivedAt, { status: 'investigating' }),
    ], settings, now);
    expect(plan.checked).toBe(1);
    expect(plan.decisions.map((d) => d.record.id)).toEqual(['open']);
  });

  it('mails the office head when the owner is not on the rota', () => {
    const now = at('2026-11-06T16:00:00.000Z');
    const decision = decideSla({ ...november, owner: 'left-in-2025' }, calendar, now);
    if (decision === undefined) throw new Error('no decision');
    expect(slaMail(decision, settings, context)).toMatchObject({ to: ['head@hospital.example'] });
    const escalation = decideSla({ ...november, owner: 'left-in-2025' }, calendar, at('2026-11-10T00:00:00.000Z'));
    if (escalation === undefined) throw new Error('no decision');
    const mail = slaMail(escalation, settings, context);
    expect(mail.to).toEqual(['head@hospital.example']);
    expect(mail.cc).toBeUndefined();
  });

  it('stops the clock over National Day and counts the make-up Saturday', () => {
    // Received Tuesday 2026-09-29 10:00: working days 9-30, 10-8, 10-9, 10-10 (Saturday, make-up), 10-12.
    const national = record('c-oct', '2026-09-29T02:00:00.000Z');
    expect(national.dueAt).toBe('2026-10-12T15:59:59.999Z');
    // Oct 7, the last day of the holiday: 8 of 13 calendar days gone, but 1 of 5 working days.
    expect(decideSla(national, calendar, at('2026-10-07T04:00:00.000Z'))).toBeUndefined();
    // Saturday Oct 10 at noon, a make-up working day: 3.5 of 5, and 85 % of the calendar time.
    expect(decideSla(national, calendar, at('2026-10-10T04:00:00.000Z'))).toBeUndefined();
    // Sunday Oct 11: the make-up Saturday counted in full, 4 of 5.
    const sunday = decideSla(national, calendar, at('2026-10-11T04:00:00.000Z'));
    expect(sunday).toMatchObject({ warn: true, escalate: false });
    expect(sunday?.share).toBeCloseTo(0.8, 10);
    const warned = run(national, at('2026-10-11T04:00:00.000Z')).record;
    expect(decideSla(warned, calendar, at('2026-10-12T15:59:59.999Z'))).toBeUndefined();
    expect(decideSla(warned, calendar, at('2026-10-12T16:00:00.000Z'))).toMatchObject({ warn: false, escalate: true });
  });

  it('reports a case whose dates cannot be read, and still decides the others', () => {
    const plan = planSla([record('broken', november.receivedAt, { dueAt: 'next week' }), november], settings, at('2026-11-06T16:00:00.000Z'));
    expect(plan.invalid).toEqual(['broken']);
    expect(plan.decisions.map((d) => d.record.id)).toEqual(['c-nov']);
  });
});

describe('a run of the SLA monitor', () => {
  const dynamoMock = mockClient(DynamoDBDocumentClient);
  const TABLE = 'test-table';
  const first = record('c-first', november.receivedAt);
  const second = record('c-second', november.receivedAt, { trackingCode: 'WXYZ-WXYZ-WXYZ-WXYZ' });

  beforeEach(() => {
    dynamoMock.reset();
    dynamoMock.on(QueryCommand).callsFake((input: QueryCommand['input']) => {
      if (input.IndexName === undefined) return { Items: [{ ...keys.siteIndex('demo'), siteId: 'demo' }] };
      expect(input.ExpressionAttributeValues?.[':state']).toBe('OPEN#');
      return { Items: [first, second] };
    });
    dynamoMock.on(GetCommand, { Key: keys.complaintSettings('demo') }).resolves({ Item: { ...keys.complaintSettings('demo'), ...settings } });
    dynamoMock.on(GetCommand, { Key: keys.department('demo', 'emergency') }).resolves({
      Item: { ...keys.department('demo', 'emergency'), siteId: 'demo', departmentId: 'emergency', name: '急诊科', nameEn: 'Emergency Department', kind: 'emergency', codeGeneration: 1, surveyEnabled: true },
    });
  });

  const savedIds = () => dynamoMock.commandCalls(TransactWriteCommand).map((call): unknown => call.args[0].input.TransactItems?.[0]?.Put?.Item?.id);

  it('skips a case someone changed meanwhile (no mail), and mails the rest', async () => {
    dynamoMock.on(TransactWriteCommand).rejectsOnce(cancelled(['ConditionalCheckFailed', 'None'])).resolves({});
    const sent: Mail[] = [];
    const result = await runSlaMonitor({ table: TABLE, mailFrom: 'feedback@hospital.example', publicBaseUrl: 'https://feedback.example', now: at('2026-11-06T16:00:00.000Z'), send: (mail) => { sent.push(mail); return Promise.resolve(); } });
    expect(result).toEqual({ sites: 1, checked: 2, warned: 1, escalated: 0, acknowledgeReminded: 0, conflicts: 1, failed: 0 });
    expect(savedIds()).toEqual(['c-first', 'c-second']);
    expect(sent.map((m) => m.subject)).toEqual([expect.stringContaining('WXYZ-WXYZ-WXYZ-WXYZ')]);
    expect(sent[0]?.text).toContain('https://feedback.example/admin/complaints/c-second');
  });

  it('keeps going when a mail fails after its save, and counts the failure', async () => {
    dynamoMock.on(TransactWriteCommand).resolves({});
    const sent: Mail[] = [];
    let calls = 0;
    const send = (mail: Mail) => {
      calls += 1;
      if (calls === 1) return Promise.reject(new Error('SES throttled'));
      sent.push(mail);
      return Promise.resolve();
    };
    const result = await runSlaMonitor({ table: TABLE, mailFrom: 'feedback@hospital.example', publicBaseUrl: 'https://feedback.example', now: at('2026-11-10T00:00:00.000Z'), send });
    expect(result).toEqual({ sites: 1, checked: 2, warned: 2, escalated: 2, acknowledgeReminded: 0, conflicts: 0, failed: 1 });
    expect(savedIds()).toEqual(['c-first', 'c-second']);
    expect(sent).toHaveLength(1);
  });
});

describe('the acknowledgement deadline', () => {
  // Received Monday 2026-11-02 09:00 Shanghai: to be acknowledged by the end of Tuesday 11-03 (15:59:59.999Z).
  const unacknowledged = record('c-ack', '2026-11-02T01:00:00.000Z', { status: 'received' });

  it('reminds the owner once when a case is still not acknowledged after a working day, and never once acknowledged', () => {
    expect(decideSla(unacknowledged, calendar, at('2026-11-03T15:59:00Z'))).toBeUndefined();
    const late = decideSla(unacknowledged, calendar, at('2026-11-03T16:30:00Z'));
    expect(late).toMatchObject({ acknowledgeLate: true, warn: false, escalate: false });
    if (late === undefined) throw new Error('no decision');
    const { record: reminded, history } = slaChange(late, settings, at('2026-11-03T16:30:00Z'));
    expect(reminded.ackRemindedAt).toBe('2026-11-03T16:30:00.000Z');
    expect(history.map((h) => h.change)).toEqual(['acknowledge-late']);
    expect(decideSla(reminded, calendar, at('2026-11-04T02:00:00Z'))).toBeUndefined();
    expect(decideSla({ ...unacknowledged, status: 'acknowledged' }, calendar, at('2026-11-04T02:00:00Z'))).toBeUndefined();
  });

  it('mails the owner the acknowledgement reminder in the site\'s time, with no complaint text', async () => {
    const dynamoMock = mockClient(DynamoDBDocumentClient);
    dynamoMock.reset();
    dynamoMock.on(QueryCommand).callsFake((input: QueryCommand['input']) => (input.IndexName === undefined ? { Items: [{ ...keys.siteIndex('demo'), siteId: 'demo' }] } : { Items: [unacknowledged] }));
    dynamoMock.on(GetCommand).resolves({});
    dynamoMock.on(GetCommand, { Key: keys.complaintSettings('demo') }).resolves({ Item: { ...keys.complaintSettings('demo'), ...settings } });
    dynamoMock.on(TransactWriteCommand).resolves({});
    const sent: Mail[] = [];
    const result = await runSlaMonitor({ table: 't', mailFrom: 'f@hospital.example', publicBaseUrl: 'https://x.example', now: at('2026-11-03T16:30:00Z'), send: (m) => { sent.push(m); return Promise.resolve(); } });
    expect(result).toMatchObject({ acknowledgeReminded: 1, warned: 0, escalated: 0 });
    expect(sent).toHaveLength(1);
    expect(sent[0]?.to).toEqual(['office@hospital.example']);
    expect(sent[0]?.subject).toContain('尚未受理');
    expect(sent[0]?.text).toContain('2026-11-03 23:59 (Asia/Shanghai)');
    expect(sent[0]?.text).not.toContain('护士');
    dynamoMock.reset();
  });
});

import { GetCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { changeNotices } from '../../../shared/complaints/change-notices.ts';
import { changeMails, firstMails } from '../../../shared/complaints/notices.ts';
import { CaseNoticeMessageSchema } from '../../../shared/schemas/notify-message.ts';
import type { ComplaintRecord } from '../../../shared/schemas/complaint.ts';
import { DEMO_COMPLAINT_SETTINGS, DEMO_DEPARTMENTS } from '../../../infra/local/demo-site.ts';
import { keys } from '../../../shared/storage/keys.ts';
import { complaintRecord } from '../../support/complaint-records.ts';

// The first mails of a new case: who gets which, in what order, and what they never carry.

const dynamoMock = mockClient(DynamoDBDocumentClient);
const MAIL = { from: 'feedback@hospital.example', baseUrl: 'https://feedback.example/' };

const record = (overrides: Partial<ComplaintRecord> = {}): ComplaintRecord => complaintRecord('c-1', overrides);

describe('the first mails of a case', () => {
  beforeEach(() => {
    dynamoMock.reset();
    for (const department of DEMO_DEPARTMENTS) {
      dynamoMock.on(GetCommand, { Key: keys.department('demo', department.departmentId) }).resolves({ Item: { ...keys.department('demo', department.departmentId), ...department } });
    }
  });

  it('sends the safety alert first, to the owner and the safety contact, then the owner\'s and the handler\'s notices', async () => {
    const mails = await firstMails('t', record(), DEMO_COMPLAINT_SETTINGS, MAIL);
    expect(mails.map((m) => m.to)).toEqual([['office@hospital.example', 'safety@hospital.example'], ['office@hospital.example'], ['nursing-office@hospital.example']]);
    expect(mails[0]?.subject).toContain('URGENT');
    expect(mails[0]?.subject).toContain('急诊科');
    for (const mail of mails) {
      expect(mail.text).toContain('https://feedback.example/admin/complaints/c-1');
      // Never the complainant's words.
      expect(`${mail.subject}${mail.text}${mail.html}`).not.toMatch(/不想活|骂/);
    }
    // Times as staff read them, in the site's zone: 14:05Z is 22:05 in Shanghai.
    expect(mails[1]?.text).toContain('2026-11-23 22:05');
    expect(mails[1]?.text).toContain('2026-11-30 23:59');
  });

  it('does not tell the officer who typed a complaint in that it is theirs, and sends no notice to a handler for a case closed on the spot', async () => {
    const quiet = await firstMails('t', record({ safetySignal: false, safetyKinds: [], severity: 'low', enteredBy: 'user:office', status: 'closed' }), DEMO_COMPLAINT_SETTINGS, MAIL);
    expect(quiet).toEqual([]);
  });

  it('alerts the office head when the owner has no address on the rota', async () => {
    const mails = await firstMails('t', record({ owner: 'temp-officer' }), DEMO_COMPLAINT_SETTINGS, MAIL);
    expect(mails[0]?.to).toEqual(['head@hospital.example', 'safety@hospital.example']);
    expect(mails).toHaveLength(2);
  });

  it('alerts the owner and the safety contact when staff raise a case to critical, once, and not for a case alerted on arrival', async () => {
    const before = record({ safetySignal: false, safetyKinds: [], severity: 'high' });
    const after = { ...before, severity: 'critical' as const, version: 2 };
    const notices = changeNotices(before, after, 'user:head');
    expect(notices).toEqual({ kind: 'case-notice', complaintId: 'c-1', raisedToCritical: true });
    const raised = notices === undefined ? [] : await changeMails('t', after, notices, DEMO_COMPLAINT_SETTINGS, MAIL);
    expect(raised).toHaveLength(1);
    expect(raised[0]?.to).toEqual(['office@hospital.example', 'safety@hospital.example']);
    expect(raised[0]?.subject).toContain('危急 Critical');
    // Lowered again before the worker read it: no alert.
    expect(notices === undefined ? [] : await changeMails('t', { ...after, severity: 'high', version: 3 }, notices, DEMO_COMPLAINT_SETTINGS, MAIL)).toEqual([]);
    // Nobody is told, and nothing is queued (change-case.ts): a case that came with its signal, a status change.
    expect(changeNotices(record({ severity: 'high' }), record(), 'user:head')).toBeUndefined();
    expect(changeNotices(before, { ...before, status: 'acknowledged', version: 2 }, 'user:office')).toBeUndefined();
  });

  it('tells a new owner, unless they took the case themselves, and a new handler department', async () => {
    const before = record({ safetySignal: false, safetyKinds: [], severity: 'high' });
    expect(changeNotices(before, { ...before, owner: 'temp-officer' }, 'user:head')).toEqual({ kind: 'case-notice', complaintId: 'c-1', raisedToCritical: false, owner: 'temp-officer' });
    expect(changeNotices(before, { ...before, owner: 'temp-officer' }, 'user:temp-officer')).toBeUndefined();
    const moved = { ...before, owner: 'head', handlerDepartmentId: 'pharmacy-office', version: 2 };
    const notice = changeNotices(before, moved, 'user:office');
    expect(notice).toEqual({ kind: 'case-notice', complaintId: 'c-1', raisedToCritical: false, owner: 'head', handlerDepartmentId: 'pharmacy-office' });
    // What the worker reads: a notice it refused would be dead-lettered, not mailed.
    expect(CaseNoticeMessageSchema.parse(notice)).toEqual(notice);
    const mails = notice === undefined ? [] : await changeMails('t', moved, notice, DEMO_COMPLAINT_SETTINGS, MAIL);
    expect(mails.map((m) => m.to)).toEqual([['head@hospital.example'], ['pharmacy-office@hospital.example']]);
  });

  it('sends only the notices a later change has not overtaken, by the time the worker reads the case', async () => {
    const before = record({ safetySignal: false, safetyKinds: [], severity: 'high' });
    const notice = changeNotices(before, { ...before, owner: 'head', handlerDepartmentId: 'pharmacy-office', version: 2 }, 'user:office');
    // Handed on to office again and back to the nursing office before the worker got to it: both later changes tell their own.
    const now = { ...before, owner: 'office', handlerDepartmentId: 'nursing-office', version: 4 };
    expect(notice === undefined ? undefined : await changeMails('t', now, notice, DEMO_COMPLAINT_SETTINGS, MAIL)).toEqual([]);
  });
});

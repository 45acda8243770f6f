import { GetCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { changeNotices } from '../../../shared/complaints/change-notices.ts';
import { changeMails, firstMails } from '../../../shared/complaints/notices.ts';
import type { ComplaintRecord } from '../../../shared/schemas/complaint.ts';
import { DEMO_COMPLAINT_SETTINGS, DEMO_DEPARTMENTS } from '../../../infra/local/demo-site.ts';
import { keys } from '../../../shared/storage/keys.ts';

// The first mails of a new case: who gets which, in what order, and what they never carry.

const dynamoMock = mockClient(DynamoDBDocumentClient);
const MAIL = { from: 'feedback@hospital.example', baseUrl: 'https://feedback.example/' };

const record = (overrides: Partial<ComplaintRecord> = {}): ComplaintRecord => ({
  id: 'c-1', siteId: 'demo', departmentId: 'emergency', trackingCode: 'ABCD-EFGH-JKLM-NPQR', channel: 'qr-page', enteredBy: 'patient', settledOnSpot: false,
  multiDepartment: false, receivedAt: '2026-11-23T14:05:00.000Z', timeZone: 'Asia/Shanghai', description: '我弟弟说不想活了，护士还骂他', status: 'received',
  category: 'nursing', severity: 'critical', safetySignal: true, safetyKinds: ['suicide'], terms: ['不想活'], handlerDepartmentId: 'nursing-office', owner: 'office',
  acknowledgeBy: '2026-11-24T15:59:59.999Z', dueAt: '2026-11-30T15:59:59.999Z', hasContact: true, mailPending: true, version: 1, ...overrides,
});

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
    expect(notices).toEqual({ raisedToCritical: true, ownerChanged: false, handlerChanged: false });
    const raised = notices === undefined ? [] : await changeMails('t', after, notices, DEMO_COMPLAINT_SETTINGS, MAIL);
    expect(raised).toHaveLength(1);
    expect(raised[0]?.to).toEqual(['office@hospital.example', 'safety@hospital.example']);
    expect(raised[0]?.subject).toContain('危急 Critical');
    // Nobody is told, and the mails' code is not loaded (change-case.ts): a case that came with its signal, a status change.
    expect(changeNotices(record({ severity: 'high' }), record(), 'user:head')).toBeUndefined();
    expect(changeNotices(before, { ...before, status: 'acknowledged', version: 2 }, 'user:office')).toBeUndefined();
  });

  it('tells a new owner, unless they took the case themselves, and a new handler department', () => {
    const before = record();
    expect(changeNotices(before, { ...before, owner: 'temp-officer' }, 'user:head')).toEqual({ raisedToCritical: false, ownerChanged: true, handlerChanged: false });
    expect(changeNotices(before, { ...before, owner: 'temp-officer' }, 'user:temp-officer')).toBeUndefined();
    expect(changeNotices(before, { ...before, handlerDepartmentId: 'pharmacy' }, 'user:head')).toEqual({ raisedToCritical: false, ownerChanged: false, handlerChanged: true });
  });
});

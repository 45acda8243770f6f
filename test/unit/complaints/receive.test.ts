import { DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { receiveComplaint } from '../../../shared/complaints/receive.ts';
import { ComplaintMessageSchema, type ComplaintMessage } from '../../../shared/schemas/intake-message.ts';
import { type NotifyMessage, NotifyMessageSchema } from '../../../shared/schemas/notify-message.ts';
import { keys } from '../../../shared/storage/keys.ts';
import { complaintRecord } from '../../support/complaint-records.ts';
import { uuidFor } from '../../support/survey-messages.ts';
import { serveCommentStores, TEST_TABLE } from '../../support/survey-target.ts';
import { cancelled } from '../../support/transactions.ts';

// The worker's part for a complaint, on mocked stores: it stores the case and queues its first mails for
// the notices' worker; a redelivery that finds them still owed queues them again. The safety alert rides
// on this: a case must never be stored with its mails owed and nothing queued to send them.

const dynamoMock = mockClient(DynamoDBDocumentClient);
const ID = uuidFor(1);
// Monday 09:30 in Shanghai: an officer is on duty.
const now = new Date('2026-11-23T01:30:00.000Z');
const signal = (): ComplaintMessage => ComplaintMessageSchema.parse({
  kind: 'complaint', receivedAt: now.toISOString(), siteId: 'demo', departmentId: 'emergency', timeZone: 'Asia/Shanghai',
  trackingCode: 'ABCD-EFGH-JKLM-NPQR', channel: 'qr-page', enteredBy: 'patient', settledOnSpot: false, multiDepartment: false,
  complaint: { submissionId: ID, description: '我弟弟说不想活了，护士还骂他' },
});
let queued: NotifyMessage[] = [];
const context = (notify: (message: NotifyMessage) => Promise<unknown> = (message) => { queued.push(NotifyMessageSchema.parse(message)); return Promise.resolve(); }) =>
  ({ table: TEST_TABLE, contactDays: 90, notify, now });
const opened = { kind: 'case-opened', complaintId: ID };

beforeEach(() => {
  queued = [];
  dynamoMock.reset();
  serveCommentStores(dynamoMock);
  dynamoMock.on(TransactWriteCommand).resolves({});
});

describe('receiveComplaint', () => {
  it('stores a new case with its mails owed and queues them: the safety alert goes through the notify queue', async () => {
    expect(await receiveComplaint(context(), signal())).toBe('stored');

    const stored = dynamoMock.commandCalls(TransactWriteCommand)[0]?.args[0].input.TransactItems?.[0]?.Put?.Item;
    expect(stored).toMatchObject({ id: ID, safetySignal: true, severity: 'critical', mailPending: true });
    // The comment rides on its case, whose alert covers the signal: no notice of its own.
    expect(queued).toEqual([opened]);
  });

  it('queues the mails again when a redelivery finds the case stored and its mails still owed', async () => {
    dynamoMock.on(TransactWriteCommand).rejects(cancelled(['ConditionalCheckFailed']));
    dynamoMock.on(GetCommand, { Key: keys.complaint(ID) }).resolves({ Item: { ...keys.complaint(ID), ...complaintRecord(ID, { mailPending: true }) } });

    expect(await receiveComplaint(context(), signal())).toBe('duplicate');
    expect(queued).toEqual([opened]);
  });

  it('queues nothing when a redelivery finds the mails sent', async () => {
    dynamoMock.on(TransactWriteCommand).rejects(cancelled(['ConditionalCheckFailed']));
    dynamoMock.on(GetCommand, { Key: keys.complaint(ID) }).resolves({ Item: { ...keys.complaint(ID), ...complaintRecord(ID, { mailPending: false }) } });

    expect(await receiveComplaint(context(), signal())).toBe('duplicate');
    expect(queued).toEqual([]);
  });

  it('fails when the notify queue refuses, so the intake message is retried and queues them then', async () => {
    await expect(receiveComplaint(context(() => Promise.reject(new Error('queue down'))), signal())).rejects.toThrow('queue down');
  });

  it('fails loudly for a site with no complaint settings, storing nothing', async () => {
    dynamoMock.on(GetCommand, { Key: keys.complaintSettings('demo') }).resolves({});

    await expect(receiveComplaint(context(), signal())).rejects.toThrow('site demo has no complaint settings');
    expect(dynamoMock).toHaveReceivedCommandTimes(TransactWriteCommand, 0);
  });
});

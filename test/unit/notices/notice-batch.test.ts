import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { DynamoDBDocumentClient, GetCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { asciiJson } from '../../../shared/aws/sqs.ts';
import { processNoticeBatch } from '../../../shared/notices/notice-batch.ts';
import { keys } from '../../../shared/storage/keys.ts';
import { complaintRecord } from '../../support/complaint-records.ts';
import { jsonRecord, sqsRecord } from '../../support/sqs-records.ts';
import { serveNoticeStores, TEST_TABLE } from '../../support/survey-target.ts';

// The notices' worker on mocked stores and SES: what each message on the notify queue mails, that a mail
// already sent is not sent again, and that a mail SES refuses fails its message for SQS to retry.

const dynamoMock = mockClient(DynamoDBDocumentClient);
const sesMock = mockClient(SESv2Client);
const context = { table: TEST_TABLE, mail: { from: 'feedback@hospital.example', baseUrl: 'https://feedback.example' } };
const CASE = 'aaaaaaaa-0000-4000-8000-000000000009';
const recipients = () => sesMock.commandCalls(SendEmailCommand).map((call) => call.args[0].input.Destination?.ToAddresses);
const stored = (overrides: Parameters<typeof complaintRecord>[1]) => {
  dynamoMock.on(GetCommand, { Key: keys.complaint(CASE) }).resolves({ Item: { ...keys.complaint(CASE), ...complaintRecord(CASE, overrides) } });
};

beforeEach(() => serveNoticeStores(dynamoMock, sesMock));

describe('a new case\'s first mails', () => {
  const opened = { kind: 'case-opened', complaintId: CASE };

  it('sends the safety alert, the owner\'s and the handler\'s notices while they are owed, then clears the flag', async () => {
    stored({ mailPending: true });

    const outcome = await processNoticeBatch(context, [jsonRecord('o1', opened)]);

    expect(outcome).toEqual({ response: { batchItemFailures: [] }, handled: 1 });
    expect(recipients()).toEqual([['office@hospital.example', 'safety@hospital.example'], ['office@hospital.example'], ['nursing-office@hospital.example']]);
    expect(dynamoMock.commandCalls(UpdateCommand).map((call) => call.args[0].input)).toEqual([expect.objectContaining({ Key: keys.complaint(CASE), ExpressionAttributeValues: { ':no': false } })]);
    expect(dynamoMock).toHaveReceivedCommandTimes(TransactWriteCommand, 0);
  });

  it('mails nothing once they went (a message queued twice), or for a case gone', async () => {
    stored({ mailPending: false });

    const outcome = await processNoticeBatch(context, [jsonRecord('o1', opened), jsonRecord('gone', { ...opened, complaintId: 'aaaaaaaa-0000-4000-8000-00000000000a' })]);

    expect(outcome.response.batchItemFailures).toEqual([]);
    expect(recipients()).toEqual([]);
  });

  it('fails the message for a case whose site has no settings, so it is dead-lettered and the operator mailed', async () => {
    stored({ mailPending: true });
    dynamoMock.on(GetCommand, { Key: keys.complaintSettings('demo') }).resolves({});

    const outcome = await processNoticeBatch(context, [jsonRecord('o1', opened)]);

    expect(outcome.response.batchItemFailures).toEqual([{ itemIdentifier: 'o1' }]);
    expect(recipients()).toEqual([]);
  });

  it('fails the message, with the mails still owed, while SES refuses one', async () => {
    stored({ mailPending: true });
    sesMock.on(SendEmailCommand).rejects(new Error('throttled'));

    const outcome = await processNoticeBatch(context, [jsonRecord('o1', opened)]);

    expect(outcome.response.batchItemFailures).toEqual([{ itemIdentifier: 'o1' }]);
    expect(dynamoMock).toHaveReceivedCommandTimes(UpdateCommand, 0);
  });
});

describe('a change\'s notice', () => {
  const notice = { kind: 'case-notice', complaintId: CASE, raisedToCritical: false, owner: 'head', handlerDepartmentId: 'medical-affairs' };

  it('mails the new owner and the new handler department', async () => {
    stored({ owner: 'head', handlerDepartmentId: 'medical-affairs', mailPending: false });

    const outcome = await processNoticeBatch(context, [jsonRecord('n1', notice)]);

    expect(outcome).toEqual({ response: { batchItemFailures: [] }, handled: 1 });
    expect(recipients()).toEqual([['head@hospital.example'], ['medical-affairs@hospital.example']]);
  });

  it('fails the message while SES refuses a mail, so SQS tries it again; the other messages go', async () => {
    stored({ owner: 'head', handlerDepartmentId: 'medical-affairs', mailPending: false });
    sesMock.on(SendEmailCommand).rejectsOnce(new Error('throttled')).resolves({});

    const outcome = await processNoticeBatch(context, [jsonRecord('n1', { ...notice, handlerDepartmentId: undefined }), jsonRecord('n2', { ...notice, owner: undefined })]);

    expect(outcome.response.batchItemFailures).toEqual([{ itemIdentifier: 'n1' }]);
    expect(recipients()).toEqual([['head@hospital.example'], ['medical-affairs@hospital.example']]);
  });

  it('mails nobody for a case gone since, or a notice a later change has overtaken', async () => {
    stored({ owner: 'head', handlerDepartmentId: 'medical-affairs', mailPending: false });

    const outcome = await processNoticeBatch(context, [
      jsonRecord('gone', { ...notice, complaintId: 'aaaaaaaa-0000-4000-8000-00000000000a' }),
      jsonRecord('stale', { ...notice, owner: 'office', handlerDepartmentId: 'nursing-office' }),
    ]);

    expect(outcome.response.batchItemFailures).toEqual([]);
    expect(recipients()).toEqual([]);
  });
});

describe('what the worker cannot read', () => {
  it('fails an unreadable message and mails the readable ones, escaped as the senders queue them', async () => {
    stored({ mailPending: true });

    const outcome = await processNoticeBatch(context, [
      sqsRecord('not-json', '{"kind":'),
      jsonRecord('unknown-kind', { kind: 'survey', complaintId: CASE }),
      sqsRecord('escaped', asciiJson({ kind: 'case-opened', complaintId: CASE })),
    ]);

    expect(outcome.response.batchItemFailures).toEqual([{ itemIdentifier: 'not-json' }, { itemIdentifier: 'unknown-kind' }]);
    expect(recipients()).toHaveLength(3);
  });
});

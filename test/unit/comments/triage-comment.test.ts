import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { DEMO_COMPLAINT_SETTINGS } from '../../../infra/local/demo-site.ts';
import { commentRecord, type CommentInput, triageComment } from '../../../shared/comments/triage-comment.ts';
import { keys } from '../../../shared/storage/keys.ts';
import { TEST_TABLE } from '../../support/survey-target.ts';

// A comment through the two levels on mocked stores: stored once, its notice sent at least once.

const dynamoMock = mockClient(DynamoDBDocumentClient);
const sesMock = mockClient(SESv2Client);
// Tuesday 10:00 in Beijing: the day officers are on duty.
const now = new Date('2026-11-24T02:00:00Z');
const context = { table: TEST_TABLE, mail: { from: 'feedback@hospital.example', baseUrl: 'https://feedback.example' }, now, settings: DEMO_COMPLAINT_SETTINGS };
const input = (text: string, overrides: Partial<CommentInput> = {}): CommentInput => ({
  id: 'sub-1', siteId: 'demo', departmentId: 'cardiology-ward', source: 'callback', receivedAt: '2026-11-24T01:50:00.000Z', timeZone: 'Asia/Shanghai', text, ...overrides,
});
const POSSIBLE = '那个保安说下班后在停车场等我';
const SIGNAL = '我真的不想活了';
const duplicate = () => new ConditionalCheckFailedException({ message: 'exists', $metadata: {} });
const recipients = () => sesMock.commandCalls(SendEmailCommand).map((call) => call.args[0].input.Destination?.ToAddresses);

beforeEach(() => {
  dynamoMock.reset();
  sesMock.reset();
  dynamoMock.on(PutCommand).resolves({});
  dynamoMock.on(UpdateCommand).resolves({});
  dynamoMock.on(GetCommand).resolves({});
  sesMock.on(SendEmailCommand).resolves({});
});

describe('triageComment', () => {
  it('puts a possible signal on the "please look now" list once, and tells the officers on duty', async () => {
    const { result, comment } = await triageComment(context, input(POSSIBLE));

    expect(result).toBe('stored');
    expect(comment).toMatchObject({ safetyLevel: 'possible', review: { state: 'pending' }, readDueAt: '2026-11-25T15:59:59.999Z' });
    const put = dynamoMock.commandCalls(PutCommand)[0]?.args[0].input;
    expect(put).toMatchObject({ ConditionExpression: 'attribute_not_exists(pk)', Item: { pk: 'COMMENT#sub-1', gsi1pk: 'COMMENTS#demo', gsi1sk: 'UNREAD#2026-11-24T01:50:00.000Z#sub-1', noticePending: true } });
    expect(recipients()).toEqual([['head@hospital.example', 'office@hospital.example']]);
    expect(dynamoMock.commandCalls(UpdateCommand)[0]?.args[0].input).toMatchObject({ Key: keys.comment('sub-1'), ExpressionAttributeValues: { ':no': false } });
  });

  it('alerts the officers on duty and the safety contact at once for a signal no case carries', async () => {
    await triageComment(context, input(SIGNAL));

    expect(recipients()).toEqual([['head@hospital.example', 'office@hospital.example', 'safety@hospital.example']]);
    expect(sesMock.commandCalls(SendEmailCommand)[0]?.args[0].input.Content?.Simple?.Subject?.Data).toContain('URGENT');
  });

  it('mails nothing for a signal its case alerted, or for a harmless comment', async () => {
    await triageComment(context, input(SIGNAL, { complaintId: 'case-1' }));
    await triageComment(context, input('病房很干净，护士很耐心'));

    expect(sesMock).toHaveReceivedCommandTimes(SendEmailCommand, 0);
  });

  it('changes nothing when the comment is stored and its notice went; mails again when the notice had failed', async () => {
    const stored = commentRecord(input(POSSIBLE), DEMO_COMPLAINT_SETTINGS);
    dynamoMock.on(PutCommand).rejects(duplicate());
    dynamoMock.on(GetCommand, { Key: keys.comment('sub-1') }).resolves({ Item: { ...keys.comment('sub-1'), ...stored, noticePending: false } });

    expect((await triageComment(context, input(POSSIBLE))).result).toBe('duplicate');
    expect(sesMock).toHaveReceivedCommandTimes(SendEmailCommand, 0);

    dynamoMock.on(GetCommand, { Key: keys.comment('sub-1') }).resolves({ Item: { ...keys.comment('sub-1'), ...stored } });
    await triageComment(context, input(POSSIBLE));
    expect(sesMock).toHaveReceivedCommandTimes(SendEmailCommand, 1);
  });

  it('fails, with the notice still pending, when the mail cannot go (the message is retried)', async () => {
    sesMock.on(SendEmailCommand).rejects(new Error('SES down'));

    await expect(triageComment(context, input(POSSIBLE))).rejects.toThrow('SES down');
    expect(dynamoMock).toHaveReceivedCommandTimes(UpdateCommand, 0);
  });

  it('fails loudly for a site with no complaint settings', async () => {
    await expect(triageComment({ ...context, settings: undefined }, input(POSSIBLE))).rejects.toThrow(/no complaint settings/);
  });
});

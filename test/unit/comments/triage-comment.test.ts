import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { DEMO_COMPLAINT_SETTINGS } from '../../../infra/local/demo-site.ts';
import { mailCommentNotice } from '../../../shared/comments/comment-notices.ts';
import { commentRecord, type CommentInput, triageComment } from '../../../shared/comments/triage-comment.ts';
import type { NotifyMessage } from '../../../shared/schemas/notify-message.ts';
import { keys } from '../../../shared/storage/keys.ts';
import { serveDemoSettings, TEST_TABLE } from '../../support/survey-target.ts';

// A comment through the two levels on mocked stores: stored once, its notice queued and then mailed at least once.

const dynamoMock = mockClient(DynamoDBDocumentClient);
const sesMock = mockClient(SESv2Client);
// Tuesday 10:00 in Beijing: the day officers are on duty.
const now = new Date('2026-11-24T02:00:00Z');
const mail = { from: 'feedback@hospital.example', baseUrl: 'https://feedback.example' };
let queued: NotifyMessage[] = [];
const context = { table: TEST_TABLE, notify: (message: NotifyMessage) => { queued.push(message); return Promise.resolve(); }, settings: DEMO_COMPLAINT_SETTINGS };
const input = (text: string, overrides: Partial<CommentInput> = {}): CommentInput => ({
  id: 'sub-1', siteId: 'demo', departmentId: 'cardiology-ward', source: 'callback', receivedAt: '2026-11-24T01:50:00.000Z', timeZone: 'Asia/Shanghai', text, ...overrides,
});
const POSSIBLE = '那个保安说下班后在停车场等我';
const SIGNAL = '我真的不想活了';
const duplicate = () => new ConditionalCheckFailedException({ message: 'exists', $metadata: {} });
const recipients = () => sesMock.commandCalls(SendEmailCommand).map((call) => call.args[0].input.Destination?.ToAddresses);
const notice = { kind: 'comment-notice', commentId: 'sub-1' };

beforeEach(() => {
  queued = [];
  dynamoMock.reset();
  sesMock.reset();
  dynamoMock.on(PutCommand).resolves({});
  dynamoMock.on(UpdateCommand).resolves({});
  dynamoMock.on(GetCommand).resolves({});
  sesMock.on(SendEmailCommand).resolves({});
});

describe('triageComment', () => {
  it('puts a possible signal on the "please look now" list once, and queues its notice', async () => {
    const { result, comment } = await triageComment(context, input(POSSIBLE));

    expect(result).toBe('stored');
    expect(comment).toMatchObject({ safetyLevel: 'possible', review: { state: 'pending' }, readDueAt: '2026-11-25T15:59:59.999Z' });
    const put = dynamoMock.commandCalls(PutCommand)[0]?.args[0].input;
    expect(put).toMatchObject({ ConditionExpression: 'attribute_not_exists(pk)', Item: { pk: 'COMMENT#sub-1', gsi1pk: 'COMMENTS#demo', gsi1sk: 'UNREAD#2026-11-24T01:50:00.000Z#sub-1', noticePending: true } });
    expect(queued).toEqual([notice]);
    // The flag stays until the notice is mailed.
    expect(dynamoMock).toHaveReceivedCommandTimes(UpdateCommand, 0);
  });

  it('queues the notice of a signal no case carries', async () => {
    const { comment } = await triageComment(context, input(SIGNAL));

    expect(comment).toMatchObject({ safetyLevel: 'signal', noticePending: true });
    expect(queued).toEqual([notice]);
  });

  it('queues nothing for a signal its case alerted, or for a harmless comment', async () => {
    await triageComment(context, input(SIGNAL, { complaintId: 'case-1' }));
    await triageComment(context, input('病房很干净，护士很耐心'));

    expect(queued).toEqual([]);
  });

  it('changes nothing when the comment is stored and its notice went; queues again while the notice is still owed', async () => {
    const stored = commentRecord(input(POSSIBLE), DEMO_COMPLAINT_SETTINGS);
    dynamoMock.on(PutCommand).rejects(duplicate());
    dynamoMock.on(GetCommand, { Key: keys.comment('sub-1') }).resolves({ Item: { ...keys.comment('sub-1'), ...stored, noticePending: false } });

    expect((await triageComment(context, input(POSSIBLE))).result).toBe('duplicate');
    expect(queued).toEqual([]);

    dynamoMock.on(GetCommand, { Key: keys.comment('sub-1') }).resolves({ Item: { ...keys.comment('sub-1'), ...stored } });
    await triageComment(context, input(POSSIBLE));
    expect(queued).toEqual([notice]);
  });

  it('fails when the notice cannot be queued (the message is retried)', async () => {
    await expect(triageComment({ ...context, notify: () => Promise.reject(new Error('queue down')) }, input(POSSIBLE))).rejects.toThrow('queue down');
  });

  it('fails loudly for a site with no complaint settings', async () => {
    await expect(triageComment({ ...context, settings: undefined }, input(POSSIBLE))).rejects.toThrow(/no complaint settings/);
  });
});

describe('mailCommentNotice (the notices\' worker)', () => {
  const owe = (text: string) => {
    dynamoMock.on(GetCommand, { Key: keys.comment('sub-1') }).resolves({ Item: { ...keys.comment('sub-1'), ...commentRecord(input(text), DEMO_COMPLAINT_SETTINGS) } });
    serveDemoSettings(dynamoMock);
  };

  it('tells the officers on duty of a possible signal, then clears the flag', async () => {
    owe(POSSIBLE);

    await mailCommentNotice(TEST_TABLE, 'sub-1', mail, now);

    expect(recipients()).toEqual([['head@hospital.example', 'office@hospital.example']]);
    expect(dynamoMock.commandCalls(UpdateCommand)[0]?.args[0].input).toMatchObject({ Key: keys.comment('sub-1'), ExpressionAttributeValues: { ':no': false } });
  });

  it('alerts the officers on duty and the safety contact at once for a signal no case carries', async () => {
    owe(SIGNAL);

    await mailCommentNotice(TEST_TABLE, 'sub-1', mail, now);

    expect(recipients()).toEqual([['head@hospital.example', 'office@hospital.example', 'safety@hospital.example']]);
    expect(sesMock.commandCalls(SendEmailCommand)[0]?.args[0].input.Content?.Simple?.Subject?.Data).toContain('URGENT');
  });

  it('mails nothing for a notice that went already, or a comment gone', async () => {
    await mailCommentNotice(TEST_TABLE, 'sub-1', mail, now);
    dynamoMock.on(GetCommand, { Key: keys.comment('sub-1') }).resolves({ Item: { ...keys.comment('sub-1'), ...commentRecord(input(POSSIBLE), DEMO_COMPLAINT_SETTINGS), noticePending: false } });
    await mailCommentNotice(TEST_TABLE, 'sub-1', mail, now);

    expect(sesMock).toHaveReceivedCommandTimes(SendEmailCommand, 0);
  });

  it('fails, with the notice still owed, when the mail cannot go (the message is retried)', async () => {
    owe(POSSIBLE);
    sesMock.on(SendEmailCommand).rejects(new Error('SES down'));

    await expect(mailCommentNotice(TEST_TABLE, 'sub-1', mail, now)).rejects.toThrow('SES down');
    expect(dynamoMock).toHaveReceivedCommandTimes(UpdateCommand, 0);
  });
});

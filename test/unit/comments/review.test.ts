import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { DEMO_COMPLAINT_SETTINGS } from '../../../infra/local/demo-site.ts';
import type { UserIdentity } from '../../../shared/auth/identity.ts';
import { noticeBlock } from '../../../shared/comments/comments-pages.ts';
import { reviewComment } from '../../../shared/comments/review.ts';
import { commentRecord } from '../../../shared/comments/triage-comment.ts';
import { IntakeMessageSchema } from '../../../shared/schemas/intake-message.ts';
import { keys } from '../../../shared/storage/keys.ts';
import { complaintRecord } from '../../support/complaint-records.ts';
import { TEST_TABLE } from '../../support/survey-target.ts';

// The office's one click on a possible signal, on mocked stores: a new case is queued before the answer
// is saved, so no failure leaves a confirmed signal with no case.

const dynamoMock = mockClient(DynamoDBDocumentClient);
const ID = '5c3a9f0e-2b7d-4e61-9a8c-0d4f6b2e1a73';
const office: UserIdentity = { kind: 'user', subject: 'office', username: 'office', name: '张敏', roles: ['office-officer'], sites: ['demo'], departments: [] };
const comment = commentRecord({
  id: ID, siteId: 'demo', departmentId: 'cardiology-ward', source: 'survey', receivedAt: '2026-11-24T01:50:00.000Z', timeZone: 'Asia/Shanghai',
  text: '那个保安说下班后在停车场等我',
}, DEMO_COMPLAINT_SETTINGS);
const context = (enqueue: (message: object) => Promise<unknown>, notify: (message: object) => Promise<unknown> = () => Promise.resolve()) => ({ table: TEST_TABLE, contactDays: 90, enqueue, notify, key: Buffer.alloc(32, 3), now: new Date('2026-11-24T02:00:00Z') });

beforeEach(() => {
  dynamoMock.reset();
  dynamoMock.on(GetCommand).resolves({});
  dynamoMock.on(GetCommand, { Key: keys.comment(ID) }).resolves({ Item: { ...keys.comment(ID), ...comment } });
  dynamoMock.on(UpdateCommand).resolves({});
  dynamoMock.on(PutCommand).resolves({});
});

describe('reviewComment', () => {
  it('is given a possible signal waiting for its answer', () => {
    expect(comment).toMatchObject({ safetyLevel: 'possible', review: { state: 'pending' } });
  });

  it('queues the case of a confirmed signal before saving the answer, then names the case on the comment', async () => {
    const order: string[] = [];
    const enqueue = vi.fn((message: object) => {
      // What the worker would read: a message it refuses would dead-letter the case.
      const parsed = IntakeMessageSchema.parse(message);
      order.push(parsed.kind === 'complaint' && parsed.safety === 'signal' ? 'queued signal case' : 'queued other');
      return Promise.resolve();
    });
    dynamoMock.on(UpdateCommand).callsFake((input: { UpdateExpression?: string }) => {
      order.push(input.UpdateExpression?.startsWith('SET review') === true ? 'answer saved' : input.UpdateExpression ?? '');
      return {};
    });

    expect(await reviewComment(context(enqueue), office, ID, 'confirmed')).toEqual({ kind: 'confirmed', complaintId: ID, raised: true });
    expect(order).toEqual(['queued signal case', 'answer saved', 'SET complaintId = :c']);
    expect(enqueue.mock.calls[0]?.[0]).toMatchObject({ kind: 'complaint', channel: 'survey-follow-up', safety: 'signal', complaint: { submissionId: ID } });
  });

  it('saves nothing when the queue refuses the case: the comment still waits for its click', async () => {
    await expect(reviewComment(context(() => Promise.reject(new Error('queue down'))), office, ID, 'confirmed')).rejects.toThrow('queue down');
    expect(dynamoMock).toHaveReceivedCommandTimes(UpdateCommand, 0);
    expect(dynamoMock).toHaveReceivedCommandTimes(PutCommand, 0);
  });

  it('names the queued case on the comment even when another officer answered first', async () => {
    dynamoMock.on(UpdateCommand, { ConditionExpression: '#review.#state = :pending' }).rejects(new ConditionalCheckFailedException({ message: 'answered', $metadata: {} }));
    const enqueue = vi.fn(() => Promise.resolve());

    expect((await reviewComment(context(enqueue), office, ID, 'confirmed')).kind).toBe('already');
    expect(enqueue).toHaveBeenCalledTimes(1);
    expect(dynamoMock.commandCalls(UpdateCommand).map((call) => call.args[0].input.UpdateExpression)).toContain('SET complaintId = :c');
  });

  it('says so when the case is raised but its alert cannot be queued, so the officer phones', async () => {
    const CASE = ID;
    dynamoMock.on(GetCommand, { Key: keys.comment(ID) }).resolves({ Item: { ...keys.comment(ID), ...comment, complaintId: CASE } });
    dynamoMock.on(GetCommand, { Key: keys.complaint(CASE) }).resolves({ Item: { ...keys.complaint(CASE), ...complaintRecord(CASE, { severity: 'high', safetySignal: false, safetyKinds: [], mailPending: false }) } });
    dynamoMock.on(TransactWriteCommand).resolves({});

    const enqueue = vi.fn(() => Promise.resolve());
    const outcome = await reviewComment(context(enqueue, () => Promise.reject(new Error('notify queue down'))), office, ID, 'confirmed');

    expect(outcome).toEqual({ kind: 'confirmed', complaintId: CASE, raised: true, unalerted: true });
    expect(enqueue).not.toHaveBeenCalled();
    expect(dynamoMock).toHaveReceivedCommandTimes(TransactWriteCommand, 1);
    expect(noticeBlock({ kind: 'confirmed', complaintId: CASE, raised: true, unalerted: true })).toContain('请立即电话通知负责人和安全联系人');
  });

  it('queues nothing for a dismissal', async () => {
    const enqueue = vi.fn(() => Promise.resolve());
    const notify = vi.fn(() => Promise.resolve());
    expect(await reviewComment(context(enqueue, notify), office, ID, 'dismissed')).toEqual({ kind: 'dismissed' });
    expect(enqueue).not.toHaveBeenCalled();
    expect(notify).not.toHaveBeenCalled();
  });
});

import { DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { SQSEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { SurveyMessageSchema } from '../../../shared/schemas/intake-message.ts';
import { loadEvent } from '../../support/events.ts';
import { lambdaContext } from '../../support/lambda-context.ts';
import { jsonRecord, sqsEvent, sqsRecord } from '../../support/sqs-records.ts';
import { surveyMessage, uuidFor } from '../../support/survey-messages.ts';
import { serveCommentStores, TEST_TABLE } from '../../support/survey-target.ts';
import { summarise } from '../../support/transactions.ts';

vi.stubEnv('TABLE_NAME', TEST_TABLE);
vi.stubEnv('SURVEY_RETENTION_DAYS', '365');
vi.stubEnv('CONTACT_RETENTION_DAYS', '30');
vi.stubEnv('NOTIFY_QUEUE_URL', 'https://sqs.cn-north-1.amazonaws.com.cn/123456789012/notify');
vi.stubEnv('SIGNING_KEY', Buffer.alloc(32, 1).toString('base64'));
const { handler } = await import('../../../functions/store-submissions/handler.ts');

const dynamoMock = mockClient(DynamoDBDocumentClient);
const invoke = (event: SQSEvent) => handler(event, lambdaContext('process'));

function storedIds(): unknown[] {
  return dynamoMock.commandCalls(TransactWriteCommand).flatMap((call) => summarise(call.args[0].input).puts.filter((p) => p.sk === 'SURVEY').map((p) => p.pk));
}

describe('the process function', () => {
  beforeEach(() => {
    dynamoMock.reset();
    serveCommentStores(dynamoMock);
    dynamoMock.on(TransactWriteCommand).resolves({});
  });

  it('stores a batch of intake messages in one transaction and reports no failures', async () => {
    // Prepare
    const event = loadEvent('sqs/intake-batch.json');
    const ids = event.Records.map((r) => SurveyMessageSchema.parse(JSON.parse(r.body)).survey.submissionId);

    // Act
    const response = await invoke(event);

    // Assess
    expect(response).toEqual({ batchItemFailures: [] });
    expect(dynamoMock).toHaveReceivedCommandTimes(TransactWriteCommand, 1);
    expect(storedIds()).toEqual(ids.map((id) => `SURVEY#${id}`));
    const { counters } = summarise(dynamoMock.commandCalls(TransactWriteCommand)[0]?.args[0].input ?? { TransactItems: [] });
    expect(counters['AGG#demo#registration-billing/DAY#2026-11-23']).toMatchObject({ survey_n: 2, survey_wait_n: 2, survey_wait_within15: 1, survey_wait_minutes_sum: 35 });
    expect(counters['AGG#demo#cardiology-ward/DAY#2026-11-23']).toMatchObject({ survey_n: 1, survey_overall_poor: 1, survey_comments: 1 });
    expect(counters['AGG#demo#ALL/DAY#2026-11-23']).toMatchObject({ survey_n: 3 });
  });

  it('returns batchItemFailures for the unreadable record only, and stores the others', async () => {
    const event = loadEvent('sqs/intake-batch-with-unreadable-record.json');
    const unreadable = event.Records[1]?.messageId;

    const response = await invoke(event);

    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: unreadable }] });
    expect(storedIds()).toHaveLength(2);
  });

  it('stores text exactly from a message the intake escaped to ASCII and from one queued before in plain UTF-8', async () => {
    const event = loadEvent('sqs/intake-batch-escaped-text.json');

    const response = await invoke(event);

    expect(response).toEqual({ batchItemFailures: [] });
    const puts = dynamoMock.commandCalls(TransactWriteCommand)[0]?.args[0].input.TransactItems?.flatMap((item) => (item.Put === undefined ? [] : [item.Put.Item])) ?? [];
    // The survey's own items; the recent-comment copies the managers' report reads are checked in test/unit/storage.
    const surveyItems = puts.filter((item) => String(item?.pk).startsWith('SURVEY#'));
    expect(surveyItems.map((item): unknown[] => [item?.pk, item?.sk, item?.comment ?? item?.name])).toEqual([
      [`SURVEY#${uuidFor(0x11)}`, 'SURVEY', '护士很耐心 👍 谢谢𠮷田医生'],
      [`SURVEY#${uuidFor(0x11)}`, 'CONTACT', '𠮷田'],
      [`SURVEY#${uuidFor(0x12)}`, 'SURVEY', '病房很干净，谢谢'],
    ]);
  });

  it('applies the retention the environment sets', async () => {
    const response = await invoke(sqsEvent([jsonRecord('m1', surveyMessage(1, { survey: { contact: { phone: '13800138000', consent: true } } }))]));

    expect(response).toEqual({ batchItemFailures: [] });
    const received = Date.UTC(2026, 10, 22, 16, 30) / 1000;
    const puts = dynamoMock.commandCalls(TransactWriteCommand)[0]?.args[0].input.TransactItems?.map((item) => item.Put?.Item) ?? [];
    expect(puts[0]).toMatchObject({ pk: `SURVEY#${uuidFor(1)}`, expiresAt: received + 365 * 86_400 });
    expect(puts[1]).toMatchObject({ pk: `SURVEY#${uuidFor(1)}`, sk: 'CONTACT', expiresAt: received + 30 * 86_400 });
  });

  it('fails the invocation (so the whole batch is retried) when the event is not an SQS event', async () => {
    const broken = { Records: [{ ...sqsRecord('m1', '{}'), eventSource: 'aws:kinesis' }] };

    await expect(invoke(broken)).rejects.toThrow();
    expect(dynamoMock).toHaveReceivedCommandTimes(TransactWriteCommand, 0);
  });
});

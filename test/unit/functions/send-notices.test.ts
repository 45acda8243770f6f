import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { keys } from '../../../shared/storage/keys.ts';
import { complaintRecord } from '../../support/complaint-records.ts';
import { loadEvent } from '../../support/events.ts';
import { lambdaContext } from '../../support/lambda-context.ts';
import { serveNoticeStores, TEST_TABLE } from '../../support/survey-target.ts';

vi.stubEnv('TABLE_NAME', TEST_TABLE);
vi.stubEnv('MAIL_FROM', 'feedback@hospital.example');
vi.stubEnv('PUBLIC_BASE_URL', 'https://feedback.example');
const { handler } = await import('../../../functions/send-notices/handler.ts');

const dynamoMock = mockClient(DynamoDBDocumentClient);
const sesMock = mockClient(SESv2Client);
const CASE = 'aaaaaaaa-0000-4000-8000-000000000009';

describe('the notices function', () => {
  beforeEach(() => {
    serveNoticeStores(dynamoMock, sesMock);
    dynamoMock.on(GetCommand, { Key: keys.complaint(CASE) }).resolves({ Item: { ...keys.complaint(CASE), ...complaintRecord(CASE) } });
  });

  it('mails a new case\'s safety alert and notices, and reports the unreadable record for SQS to retry', async () => {
    const event = loadEvent('sqs/notify-batch.json');

    const response = await handler(event, lambdaContext('send-notices'));

    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: event.Records[1]?.messageId }] });
    const subjects = sesMock.commandCalls(SendEmailCommand).map((call) => call.args[0].input.Content?.Simple?.Subject?.Data ?? '');
    expect(subjects).toHaveLength(3);
    expect(subjects[0]).toContain('URGENT');
  });
});
